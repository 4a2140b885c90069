package io.imagestore.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A control connection driven byte by byte, for what a polite client never does: commands sent
 * without waiting for the reply, Telnet bytes, closing at the worst moment.
 */
final class RawFtpSession implements AutoCloseable {
  private final Socket control;
  private final BufferedReader in;
  private final OutputStream out;

  private RawFtpSession(Socket control) throws IOException {
    this.control = control;
    this.in = new BufferedReader(new InputStreamReader(control.getInputStream(), StandardCharsets.UTF_8));
    this.out = control.getOutputStream();
  }

  static RawFtpSession login(BridgeHarness h) throws IOException {
    Socket s = new Socket();
    s.connect(new InetSocketAddress(h.bridge.host(), h.bridge.port()), 10_000);
    s.setSoTimeout(30_000);
    RawFtpSession session = new RawFtpSession(s);
    assertThat(session.reply()).startsWith("220");
    assertThat(session.command("USER " + BridgeHarness.USER)).startsWith("331");
    assertThat(session.command("PASS " + BridgeHarness.PASSWORD)).startsWith("230");
    assertThat(session.command("TYPE I")).startsWith("200");
    return session;
  }

  /** PASV, then a data connection to the port it names. */
  Socket passive() throws IOException {
    String reply = command("PASV");
    assertThat(reply).startsWith("227");
    String[] f = reply.substring(reply.indexOf('(') + 1, reply.indexOf(')')).split(",");
    Socket data = new Socket();
    data.connect(new InetSocketAddress(f[0] + "." + f[1] + "." + f[2] + "." + f[3],
        Integer.parseInt(f[4].trim()) * 256 + Integer.parseInt(f[5].trim())), 10_000);
    return data;
  }

  String command(String line) throws IOException {
    send(line);
    return reply();
  }

  void send(String line) throws IOException {
    send((line + "\r\n").getBytes(StandardCharsets.UTF_8));
  }

  void send(byte[] bytes) throws IOException {
    out.write(bytes);
    out.flush();
  }

  /** The last line of the next reply (multi-line replies are skipped to their end). */
  String reply() throws IOException {
    String line = in.readLine();
    if (line == null) {
      throw new IOException("control connection closed");
    }
    if (line.length() > 3 && line.charAt(3) == '-') {
      String end = line.substring(0, 3) + " ";
      while (!line.startsWith(end)) {
        line = in.readLine();
        if (line == null) {
          throw new IOException("control connection closed in a multi-line reply");
        }
      }
    }
    return line;
  }

  @Override
  public void close() throws IOException {
    control.close();
  }
}
