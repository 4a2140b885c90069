package io.imagestore.bridge.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imagestore.bridge.PasswordHasher;
import io.imagestore.bridge.UsersFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.apache.ftpserver.ftplet.AuthenticationFailedException;
import org.apache.ftpserver.usermanager.AnonymousAuthentication;
import org.apache.ftpserver.usermanager.UsernamePasswordAuthentication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PasswordHashingTest {
  @TempDir
  Path dir;

  @Test
  void hashesAreSaltedAndVerify() {
    PasswordHasher hasher = new PasswordHasher(650_000);
    String h1 = hasher.hash("secret".toCharArray());
    String h2 = hasher.hash("secret".toCharArray());
    assertThat(h1).startsWith("pbkdf2-sha256$650000$").isNotEqualTo(h2).doesNotContain("secret");
    assertThat(hasher.verify("secret".toCharArray(), h1)).isTrue();
    assertThat(hasher.verify("Secret".toCharArray(), h1)).isFalse();
    assertThat(hasher.verify("secret".toCharArray(), "secret")).isFalse();
    assertThat(hasher.verify("secret".toCharArray(), "pbkdf2-sha256$x$y$z")).isFalse();
    // The iteration count travels with the hash: a hasher with another default still verifies it.
    assertThat(new PasswordHasher().verify("secret".toCharArray(), h1)).isTrue();
  }

  @Test
  void usersFileAddsReplacesAndRefusesPlainPasswords() throws Exception {
    Path file = dir.resolve("users.txt");
    UsersFile.addUser(file, "camera", "one", null);
    UsersFile.addUser(file, "partner", "two", "partners/acme");
    UsersFile.addUser(file, "camera", "three", "cams/1");
    var accounts = UsersFile.read(file);
    assertThat(accounts).containsOnlyKeys("camera", "partner");
    assertThat(accounts.get("camera").home()).isEqualTo("cams/1");
    assertThat(accounts.get("partner").home()).isEqualTo("partners/acme");
    assertThat(Files.readString(file)).doesNotContain("one", "two", "three");
    assertThat(new PasswordHasher().verify("three".toCharArray(), accounts.get("camera").passwordHash())).isTrue();
    if (Files.getFileAttributeView(file, java.nio.file.attribute.PosixFileAttributeView.class) != null) {
      assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
          .isEqualTo("rw-------");
    }

    Files.writeString(dir.resolve("plain.txt"), "camera:hunter2:camera\n");
    assertThatThrownBy(() -> UsersFile.read(dir.resolve("plain.txt")))
        .hasMessageContaining("line 1").hasMessageContaining("plain-text");
    assertThatThrownBy(() -> UsersFile.addUser(file, "x", "pw", "../escape")).hasMessageContaining("home");
  }

  @Test
  void hashesBelowOwaspsRoundsForSha256AreRefusedAtLoadNamingTheUser() throws Exception {
    assertThat(PasswordHasher.DEFAULT_ITERATIONS).isEqualTo(600_000);
    assertThat(new PasswordHasher().hash("pw".toCharArray())).startsWith("pbkdf2-sha256$600000$");
    // The demo account as the bridge hashed it before (210,000 rounds).
    String old = "pbkdf2-sha256$210000$oxuRPNvbWLvdDIxztOlLAw$GnaxvfJdBJ4e9KgKV9PG689kv/SIjnY8BkNUIZW+hdI";
    Files.writeString(dir.resolve("old.txt"), "camera:" + new PasswordHasher().hash("a".toCharArray()) + ":camera\n"
        + "legacy:" + old + ":legacy\n");
    assertThatThrownBy(() -> UsersFile.read(dir.resolve("old.txt")))
        .hasMessageContaining("line 2").hasMessageContaining("'legacy'").hasMessageContaining("210000")
        .hasMessageContaining("600000");
    assertThatThrownBy(() -> new PasswordHasher(210_000)).hasMessageContaining("at least 600000");
    assertThatThrownBy(() -> new BridgeUserManager(dir.resolve("old.txt"),
        new VerifiedLoginCache(Duration.ofMinutes(10), 100, Clock.systemUTC()), () -> { }))
        .hasMessageContaining("'legacy'");
  }

  @Test
  void aLoginFindingEveryVerificationSlotTakenIsTurnedAwayUnchecked() throws Exception {
    Path file = dir.resolve("users.txt");
    UsersFile.addUser(file, "camera", "pw", null);
    java.util.concurrent.atomic.AtomicInteger verifications = new java.util.concurrent.atomic.AtomicInteger();
    VerificationSlots slots = new VerificationSlots(1, Duration.ofMillis(200));
    BridgeUserManager users = new BridgeUserManager(file,
        new VerifiedLoginCache(Duration.ofMinutes(10), 100, Clock.systemUTC()), slots, verifications::incrementAndGet);
    java.util.concurrent.CountDownLatch holding = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    Thread holder = new Thread(() -> {
      try {
        slots.run(() -> {
          holding.countDown();
          try {
            release.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return false;
        });
      } catch (VerificationSlots.Busy e) {
        throw new AssertionError(e);
      }
    });
    holder.start();
    holding.await();
    try {
      assertThatThrownBy(() -> users.authenticate(new UsernamePasswordAuthentication("camera", "pw")))
          .isInstanceOf(VerificationSlots.Busy.class);
      assertThat(verifications.get()).as("no hash computed without a slot").isZero();
    } finally {
      release.countDown();
      holder.join();
    }
    assertThat(slots.available()).isEqualTo(1);
    assertThat(users.authenticate(new UsernamePasswordAuthentication("camera", "pw"))).isNotNull();
    assertThat(verifications.get()).isEqualTo(1);
  }

  @Test
  void userManagerAuthenticatesRefusesAnonymousAndMeasuresTheCache() throws Exception {
    Path file = dir.resolve("users.txt");
    UsersFile.addUser(file, "camera", "pw", null);
    BridgeUserManager users = new BridgeUserManager(file, new VerifiedLoginCache(Duration.ofMinutes(10), 100, Clock.systemUTC()), () -> { });
    assertThatThrownBy(() -> users.authenticate(new AnonymousAuthentication()))
        .isInstanceOf(AuthenticationFailedException.class);
    assertThatThrownBy(() -> users.authenticate(new UsernamePasswordAuthentication("camera", "nope")))
        .isInstanceOf(AuthenticationFailedException.class);
    assertThatThrownBy(() -> users.authenticate(new UsernamePasswordAuthentication("nobody", "pw")))
        .isInstanceOf(AuthenticationFailedException.class);

    long t0 = System.nanoTime();
    assertThat(users.authenticate(new UsernamePasswordAuthentication("camera", "pw")).getHomeDirectory())
        .isEqualTo("camera");
    long first = System.nanoTime() - t0;
    int n = 1000;
    t0 = System.nanoTime();
    for (int i = 0; i < n; i++) {
      users.authenticate(new UsernamePasswordAuthentication("camera", "pw"));
    }
    long cached = (System.nanoTime() - t0) / n;
    // A figure for the docs, not an assertion: timing depends on the machine.
    System.out.printf("login verification: PBKDF2 %d iterations %.1f ms, cached %.1f us%n",
        PasswordHasher.DEFAULT_ITERATIONS, first / 1e6, cached / 1e3);
    assertThat(users.isAdmin("camera")).isFalse();
  }

  @Test
  void anUnknownNameCostsAFullVerificationAgainstAHashWithTheAccountsRounds() throws Exception {
    Path file = dir.resolve("users.txt");
    // Rounds other than the default: the dummy must follow the file, not the code's default.
    Files.writeString(file, "camera:" + new PasswordHasher(610_000).hash("pw".toCharArray()) + ":camera\n"
        + "partner:" + new PasswordHasher(610_000).hash("pw2".toCharArray()) + ":p\n"
        + "old:" + new PasswordHasher(600_000).hash("pw3".toCharArray()) + ":o\n");
    java.util.concurrent.atomic.AtomicInteger verifications = new java.util.concurrent.atomic.AtomicInteger();
    BridgeUserManager users = new BridgeUserManager(file,
        new VerifiedLoginCache(Duration.ofMinutes(10), 100, Clock.systemUTC()), verifications::incrementAndGet);
    assertThat(users.dummyHash()).startsWith(PasswordHasher.SCHEME + "$610000$");
    assertThat(PasswordHasher.looksLikeHash(users.dummyHash())).isTrue();

    for (String name : new String[] {"nobody", "", "camera\u0000", "CAMERA"}) {
      int before = verifications.get();
      assertThatThrownBy(() -> users.authenticate(new UsernamePasswordAuthentication(name, "pw")))
          .isInstanceOf(AuthenticationFailedException.class).hasMessage("bad login");
      assertThat(verifications.get()).as("verifications for unknown name '%s'", name).isEqualTo(before + 1);
    }
    int before = verifications.get();
    assertThatThrownBy(() -> users.authenticate(new UsernamePasswordAuthentication("camera", "wrong")))
        .isInstanceOf(AuthenticationFailedException.class).hasMessage("bad login");
    // A missing password is checked too (as the empty one), not refused early.
    assertThatThrownBy(() -> users.authenticate(new UsernamePasswordAuthentication("nobody", null)))
        .isInstanceOf(AuthenticationFailedException.class).hasMessage("bad login");
    assertThat(verifications.get()).isEqualTo(before + 2);
    // The dummy's password is random: no password opens an unknown name, the empty one included.
    assertThatThrownBy(() -> users.authenticate(new UsernamePasswordAuthentication("nobody", "")))
        .isInstanceOf(AuthenticationFailedException.class);

    // A proven password is cached: no second hash, and recentlyVerified sees it (and only it).
    users.authenticate(new UsernamePasswordAuthentication("camera", "pw"));
    int afterLogin = verifications.get();
    users.authenticate(new UsernamePasswordAuthentication("camera", "pw"));
    assertThat(verifications.get()).isEqualTo(afterLogin);
    assertThat(users.recentlyVerified("camera", "pw")).isNotNull();
    assertThat(users.recentlyVerified("camera", "wrong")).isNull();
    assertThat(users.recentlyVerified("partner", "pw2")).isNull();
    assertThat(users.recentlyVerified("nobody", "pw")).isNull();
  }

  @Test
  void usersFileChangesArePickedUpWithoutRestart() throws Exception {
    Path file = dir.resolve("users.txt");
    UsersFile.addUser(file, "camera", "pw", null);
    BridgeUserManager users = new BridgeUserManager(file, new VerifiedLoginCache(Duration.ofMinutes(10), 100, Clock.systemUTC()), () -> { });
    assertThat(users.doesExist("late")).isFalse();
    UsersFile.addUser(file, "late", "pw2", null);
    Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 5000));
    assertThat(users.doesExist("late")).isTrue();
    assertThat(users.authenticate(new UsernamePasswordAuthentication("late", "pw2")).getName()).isEqualTo("late");
  }
}
