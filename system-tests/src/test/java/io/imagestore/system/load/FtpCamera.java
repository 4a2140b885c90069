package io.imagestore.system.load;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import org.apache.commons.net.ftp.FTP;
import org.apache.commons.net.ftp.FTPClient;
import org.apache.commons.net.ftp.FTPReply;

/**
 * An FTP client that behaves like a camera: it keeps one control connection, sends each file
 * until it gets {@code 226}, and treats a transient failure — a {@code 4xx} reply or a broken
 * connection — as "send it again" (after reconnecting when needed). A {@code 5xx} reply is final.
 * Not thread-safe: one camera per thread.
 */
public final class FtpCamera implements AutoCloseable {
  private static final int SO_TIMEOUT_MS = 60_000;

  private final String host;
  private final int port;
  private final String user;
  private final String password;
  private final int maxAttempts;
  private final Duration retryPause;
  private FTPClient ftp;

  /**
   * @param maxAttempts STORs per file before giving up on it
   * @param retryPause wait before each retry, as cameras back off
   */
  public FtpCamera(String host, int port, String user, String password, int maxAttempts, Duration retryPause) {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("at least one attempt, got " + maxAttempts);
    }
    this.host = host;
    this.port = port;
    this.user = user;
    this.password = password;
    this.maxAttempts = maxAttempts;
    this.retryPause = retryPause;
  }

  /** Sends {@code bytes} to {@code path} until acknowledged or out of attempts. */
  public UploadOutcome send(long sequence, String path, byte[] bytes) throws InterruptedException {
    String sha256 = sha256(bytes);
    long t0 = System.nanoTime();
    int attempts = 0;
    int reply = -1;
    while (attempts < maxAttempts) {
      if (attempts > 0) {
        Thread.sleep(retryPause.toMillis());
      }
      attempts++;
      try {
        reply = store(path, new ByteArrayInputStream(bytes));
      } catch (IOException broken) {
        reply = -1;
        disconnect();
        continue;
      }
      if (reply == FTPReply.CLOSING_DATA_CONNECTION) {
        long now = System.nanoTime();
        return new UploadOutcome(sequence, path, sha256, attempts, true, reply, Duration.ofNanos(now - t0), now);
      }
      if (!FTPReply.isNegativeTransient(reply)) {
        break;
      }
    }
    long now = System.nanoTime();
    return new UploadOutcome(sequence, path, sha256, attempts, false, reply, Duration.ofNanos(now - t0), now);
  }

  /**
   * One STOR of a stream, without retries (a stream cannot be sent twice).
   *
   * @return the final reply code
   */
  public int store(String path, InputStream in) throws IOException {
    FTPClient client = connected();
    int slash = path.lastIndexOf('/');
    if (slash > 0) {
      client.makeDirectory(path.substring(0, slash)); // 550 when it exists: fine
    }
    client.storeFile(path, in);
    return client.getReplyCode();
  }

  /** The text of the last reply, e.g. a {@code 226} naming the stored sha256. */
  public String lastReplyText() {
    return ftp == null ? "" : ftp.getReplyString();
  }

  private FTPClient connected() throws IOException {
    if (ftp != null && ftp.isConnected()) {
      return ftp;
    }
    FTPClient client = new FTPClient();
    client.setConnectTimeout(10_000);
    client.setDefaultTimeout(SO_TIMEOUT_MS);
    client.setDataTimeout(Duration.ofMillis(SO_TIMEOUT_MS));
    client.connect(host, port);
    try {
      client.setSoTimeout(SO_TIMEOUT_MS);
      if (!FTPReply.isPositiveCompletion(client.getReplyCode()) || !client.login(user, password)) {
        throw new IOException("login refused: " + client.getReplyString().strip());
      }
      client.enterLocalPassiveMode();
      client.setFileType(FTP.BINARY_FILE_TYPE);
    } catch (IOException e) {
      quietly(client);
      throw e;
    }
    ftp = client;
    return client;
  }

  private void disconnect() {
    if (ftp != null) {
      quietly(ftp);
      ftp = null;
    }
  }

  private static void quietly(FTPClient client) {
    try {
      if (client.isConnected()) {
        client.disconnect();
      }
    } catch (IOException ignored) {
      // the connection is being dropped anyway
    }
  }

  @Override
  public void close() {
    if (ftp != null && ftp.isConnected()) {
      try {
        ftp.logout();
      } catch (IOException ignored) {
        // QUIT is a courtesy; the disconnect below is what frees the socket
      }
    }
    disconnect();
  }

  public static String sha256(byte[] bytes) {
    return HexFormat.of().formatHex(digest().digest(bytes));
  }

  /** Wraps {@code in} so that the SHA-256 of what was read is available afterwards. */
  public static DigestInputStream digesting(InputStream in) {
    return new DigestInputStream(in, digest());
  }

  private static MessageDigest digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
