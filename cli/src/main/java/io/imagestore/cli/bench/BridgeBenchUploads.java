package io.imagestore.cli.bench;

import java.io.IOException;
import java.io.InputStream;
import org.apache.commons.net.ftp.FTP;
import org.apache.commons.net.ftp.FTPClient;
import org.apache.commons.net.ftp.FTPReply;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** The three ways {@code bench bridge} sends a file: a direct PUT, and FTP with or without a session per file. */
final class BridgeBenchUploads {
  private static final int CLIENT_BUFFER = 64 * 1024;

  private BridgeBenchUploads() {}

  /** One client's uploads; a client is used by one thread. */
  interface Client extends AutoCloseable {
    void upload(long id) throws IOException;

    /** Logs in now if the client keeps a session, rather than at its first upload. */
    default void logIn() throws IOException {}

    @Override
    void close() throws IOException;
  }

  /** Where the FTP clients log in. */
  record FtpTarget(String host, int port, String user, String password) {}

  /** The bytes of upload {@code id} of run {@code run}: each upload its own content. */
  interface UploadBody {
    InputStream open(long run, long id);

    /** The name upload {@code id} is stored under, in its folder. */
    default String fileName(long id) {
      return id + ".jpg";
    }
  }

  /** The baseline: the same bytes PUT with the S3 client the bridge uses, to the same store. */
  static Client directPut(S3Client s3, String bucket, String prefix, BridgeBenchPayload payload, long run) {
    return new Client() {
      @Override
      public void upload(long id) {
        int size = payload.size();
        s3.putObject(b -> b.bucket(bucket).key(prefix + id + ".jpg").contentType("image/jpeg")
            .contentLength((long) size), RequestBody.fromContentProvider(() -> payload.open(run, id), size, "image/jpeg"));
      }

      @Override
      public void close() {}
    };
  }

  /** What many cameras do: connect, log in, STOR one file, QUIT. */
  static Client ftpLoginPerFile(FtpTarget target, String dir, UploadBody payload, long run) {
    return new Client() {
      @Override
      public void upload(long id) throws IOException {
        FTPClient ftp = open(target);
        try {
          store(ftp, dir, id, payload, run);
          ftp.logout();
        } finally {
          ftp.disconnect();
        }
      }

      @Override
      public void close() {}
    };
  }

  /** One login, then one STOR after another (scanners, partner systems). */
  static Client ftpSession(FtpTarget target, String dir, UploadBody payload, long run) {
    return new Client() {
      private FTPClient ftp;

      @Override
      public void logIn() throws IOException {
        if (ftp == null) {
          ftp = open(target);
        }
      }

      @Override
      public void upload(long id) throws IOException {
        logIn();
        store(ftp, dir, id, payload, run);
      }

      @Override
      public void close() throws IOException {
        if (ftp != null) {
          try {
            ftp.logout();
          } finally {
            ftp.disconnect();
          }
        }
      }
    };
  }

  private static FTPClient open(FtpTarget target) throws IOException {
    FTPClient ftp = new FTPClient();
    // commons-net copies in 1 KiB writes by default; curl, lftp and FileZilla write 16-64 KiB at a
    // time, and a client's own copy loop is not the bridge's cost.
    ftp.setBufferSize(CLIENT_BUFFER);
    ftp.connect(target.host(), target.port());
    if (!FTPReply.isPositiveCompletion(ftp.getReplyCode()) || !ftp.login(target.user(), target.password())) {
      String reply = ftp.getReplyString();
      ftp.disconnect();
      throw new IOException("FTP login refused: " + reply.strip());
    }
    ftp.setFileType(FTP.BINARY_FILE_TYPE);
    ftp.enterLocalPassiveMode();
    return ftp;
  }

  private static void store(FTPClient ftp, String dir, long id, UploadBody payload, long run)
      throws IOException {
    try (InputStream in = payload.open(run, id)) {
      if (!ftp.storeFile(dir + "/" + payload.fileName(id), in)) {
        throw new IOException("STOR refused: " + ftp.getReplyString().strip());
      }
    }
  }
}
