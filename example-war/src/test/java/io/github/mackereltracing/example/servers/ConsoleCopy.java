package io.github.mackereltracing.example.servers;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * A copy of what this JVM prints from now on, for a server whose adapter leaves its log nowhere else: Payara
 * Micro's prints each line of the server's output to System.out (arquillian.xml, outputToConsole).
 */
final class ConsoleCopy {
  private static ByteArrayOutputStream copy;

  private ConsoleCopy() {}

  /** Starts copying System.out, once per JVM; later calls keep the copy. */
  static synchronized void start() {
    if (copy != null) {
      return;
    }
    copy = new ByteArrayOutputStream();
    PrintStream original = System.out;
    System.setOut(new PrintStream(new OutputStream() {
      @Override
      public void write(int b) {
        original.write(b);
        synchronized (ConsoleCopy.class) {
          copy.write(b);
        }
      }

      @Override
      public void write(byte[] bytes, int offset, int length) {
        original.write(bytes, offset, length);
        synchronized (ConsoleCopy.class) {
          copy.write(bytes, offset, length);
        }
      }

      @Override
      public void flush() {
        original.flush();
      }
    }, true, StandardCharsets.UTF_8));
  }

  /** Everything printed since {@link #start}. */
  static synchronized String text() {
    return copy == null ? "" : copy.toString(StandardCharsets.UTF_8);
  }
}
