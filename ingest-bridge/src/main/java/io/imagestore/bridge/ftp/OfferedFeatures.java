package io.imagestore.bridge.ftp;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.ftpserver.command.AbstractCommand;
import org.apache.ftpserver.ftplet.DefaultFtpReply;
import org.apache.ftpserver.ftplet.FtpReply;
import org.apache.ftpserver.ftplet.FtpRequest;
import org.apache.ftpserver.impl.FtpIoSession;
import org.apache.ftpserver.impl.FtpServerContext;

/**
 * What FEAT and HELP advertise: only what this bridge answers with success. ftpserver's own lists
 * name {@code REST STREAM}, {@code MODE Z}, {@code MFMT}, {@code APPE} and {@code STOU}, which the
 * bridge refuses, and {@code AUTH TLS} even without TLS configured — clients that trust FEAT (curl
 * {@code --ssl}, resuming clients) then fail late or fall back silently.
 */
final class OfferedFeatures {
  private static final List<String> FEATURES = List.of("EPRT", "EPSV", "MDTM", "MLST Size;Modify;Type;Perm", "SIZE",
      "TVFS", "UTF8");
  private static final List<String> TLS_FEATURES = List.of("AUTH TLS", "PBSZ", "PROT");
  private static final List<String> COMMANDS = List.of("ABOR", "CDUP", "CWD", "DELE", "EPRT", "EPSV", "FEAT", "HELP",
      "LIST", "MDTM", "MKD", "MLSD", "MLST", "MODE", "NLST", "NOOP", "OPTS", "PASS", "PASV", "PORT", "PWD", "QUIT",
      "REST", "RETR", "RMD", "RNFR", "RNTO", "SIZE", "STAT", "STOR", "STRU", "SYST", "TYPE", "USER");
  private static final List<String> TLS_COMMANDS = List.of("AUTH", "PBSZ", "PROT");

  private final boolean tls;

  OfferedFeatures(boolean tls) {
    this.tls = tls;
  }

  List<String> features() {
    return tls ? concat(FEATURES, TLS_FEATURES) : FEATURES;
  }

  List<String> commands() {
    return tls ? concat(COMMANDS, TLS_COMMANDS).stream().sorted().toList() : COMMANDS;
  }

  AbstractCommand feat() {
    return new AbstractCommand() {
      @Override
      public void execute(FtpIoSession session, FtpServerContext context, FtpRequest request) {
        session.resetState();
        // RFC 2389: one feature per line, each indented by a space.
        session.write(new DefaultFtpReply(FtpReply.REPLY_211_SYSTEM_STATUS_REPLY,
            "Extensions supported\n " + String.join("\n ", features()) + "\nEnd"));
      }
    };
  }

  AbstractCommand help() {
    return new AbstractCommand() {
      @Override
      public void execute(FtpIoSession session, FtpServerContext context, FtpRequest request) {
        session.resetState();
        if (request.hasArgument()) {
          String command = request.getArgument().trim().toUpperCase(Locale.ROOT);
          if (commands().contains(command)) {
            Replies.send(session, FtpReply.REPLY_214_HELP_MESSAGE, command + " is supported");
          } else {
            Replies.send(session, FtpReply.REPLY_502_COMMAND_NOT_IMPLEMENTED, command + " is not offered by this server");
          }
          return;
        }
        session.write(new DefaultFtpReply(FtpReply.REPLY_214_HELP_MESSAGE,
            "The following commands are supported.\n" + String.join(" ", commands()) + "\nEnd of help."));
      }
    };
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }
}
