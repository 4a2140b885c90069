package io.imagestore.bridge.ftp;

import java.util.Locale;
import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.filterchain.IoFilterAdapter;
import org.apache.mina.core.session.AttributeKey;
import org.apache.mina.core.session.IoSession;

/**
 * Sees ABOR while an upload runs. ftpserver hands each session's input to its thread pool in
 * order, so an ABOR sent during STOR waits until the STOR command returns — by then a client that
 * sent ABOR and closed its data connection looks like a complete upload, and was published with
 * 226. This filter sits before the thread pool, reads every control line as it arrives (without
 * consuming it: the queued ABOR still gets its own reply) and aborts the session's upload on
 * {@code ABOR} or on Telnet's "interrupt process" / "data mark" (RFC 959 §4.1.3: clients send
 * {@code IAC IP IAC DM ABOR}). An ABOR that arrives after a STOR line but before that STOR runs
 * aborts it too.
 */
final class AbortWatch extends IoFilterAdapter {
  /** Its name in the session's filter chain; it goes before ftpserver's {@code threadPool}. */
  static final String NAME = "imagestore.abortWatch";
  private static final String THREAD_POOL = "threadPool";
  private static final AttributeKey STATE = new AttributeKey(AbortWatch.class, "state");
  private static final AbortWatch INSTANCE = new AbortWatch();

  private AbortWatch() {}

  /** Adds the watch to a new session's chain (from ftpserver's session filter hook). */
  static boolean install(IoSession session) {
    session.setAttribute(STATE, new SessionState());
    session.getFilterChain().addBefore(THREAD_POOL, NAME, INSTANCE);
    return true;
  }

  /**
   * Makes {@code upload} the session's running upload until {@link #unwatch}; true when an ABOR
   * already came for it (after its STOR line, before it ran).
   */
  static boolean watch(IoSession session, TransferAbort upload) {
    return session.getAttribute(STATE) instanceof SessionState state && state.register(upload);
  }

  static void unwatch(IoSession session, TransferAbort upload) {
    if (session.getAttribute(STATE) instanceof SessionState state) {
      state.unregister(upload);
    }
  }

  @Override
  public void messageReceived(NextFilter next, IoSession session, Object message) throws Exception {
    if (message instanceof IoBuffer buffer && session.getAttribute(STATE) instanceof SessionState state) {
      for (int i = buffer.position(); i < buffer.limit(); i++) {
        switch (state.line.add(buffer.get(i))) {
          case UPLOAD -> state.uploadRequested();
          case ABORT -> state.abortRequested();
          case OTHER -> { }
        }
      }
    }
    next.messageReceived(session, message);
  }

  /** The session's upload and what the control input asked for it; the I/O and command threads share it. */
  private static final class SessionState {
    final LineStart line = new LineStart();
    private TransferAbort running;
    private boolean abortedBeforeStart;

    synchronized void uploadRequested() {
      abortedBeforeStart = false;
    }

    synchronized void abortRequested() {
      if (running != null) {
        running.abort();
      } else {
        abortedBeforeStart = true;
      }
    }

    synchronized boolean register(TransferAbort upload) {
      running = upload;
      boolean early = abortedBeforeStart;
      abortedBeforeStart = false;
      return early;
    }

    synchronized void unregister(TransferAbort upload) {
      if (running == upload) {
        running = null;
      }
    }
  }

  private enum Signal { UPLOAD, ABORT, OTHER }

  /** The first bytes of the current control line, Telnet commands removed: enough to tell the command. */
  private static final class LineStart {
    private static final int IAC = 0xff;
    private static final int IP = 0xf4;
    private static final int DM = 0xf2;
    private static final int KEEP = 6;
    private final StringBuilder start = new StringBuilder(KEEP);
    private boolean afterIac;

    Signal add(byte b) {
      int c = b & 0xff;
      if (afterIac) {
        afterIac = false;
        return c == IP || c == DM ? Signal.ABORT : Signal.OTHER;
      }
      if (c == IAC) {
        afterIac = true;
        return Signal.OTHER;
      }
      if (c == '\n' || c == '\r') {
        Signal s = classify(start.toString());
        start.setLength(0);
        return s;
      }
      if (start.length() < KEEP) {
        start.append((char) c);
      }
      return Signal.OTHER;
    }

    private static Signal classify(String line) {
      String s = line.toUpperCase(Locale.ROOT);
      if (s.equals("ABOR") || s.startsWith("ABOR ")) {
        return Signal.ABORT;
      }
      if (s.startsWith("STOR ") || s.startsWith("APPE ") || s.startsWith("STOU")) {
        return Signal.UPLOAD;
      }
      return Signal.OTHER;
    }
  }
}
