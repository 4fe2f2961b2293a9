package io.github.mackereltracing.internal.export;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP peer on loopback written on plain sockets, for the faults {@code HttpServer} cannot make: a peer
 * that accepts and never reads (a tiny receive buffer, so that a large request fills the socket buffers and
 * the sender's write blocks), one that answers one byte at a time, and one that closes a kept-alive
 * connection when it is reused.
 */
final class RawPeer implements AutoCloseable {
  /** The name of the threads of every peer, which thread-counting tests leave out. */
  static final String THREAD = "raw-peer";

  /** What the peer does with one connection. */
  interface Behaviour {
    void serve(Socket socket, RawPeer peer) throws IOException, InterruptedException;
  }

  private final ServerSocket server;
  private final Behaviour behaviour;
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private final List<Thread> threads = new CopyOnWriteArrayList<>();
  final AtomicInteger connections = new AtomicInteger();
  final AtomicInteger requests = new AtomicInteger();
  private volatile boolean closed;

  private RawPeer(Behaviour behaviour, int receiveBuffer) throws IOException {
    this.behaviour = behaviour;
    server = new ServerSocket();
    if (receiveBuffer > 0) {
      server.setReceiveBufferSize(receiveBuffer); // inherited by accepted sockets; set before bind
    }
    server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
    Thread acceptor = new Thread(this::accept, THREAD);
    acceptor.setDaemon(true);
    threads.add(acceptor);
    acceptor.start();
  }

  /** Accepts connections and never reads a byte from them. */
  static RawPeer neverReading() throws IOException {
    return new RawPeer((socket, peer) -> { }, 1024);
  }

  /** Reads each request, then answers 200 one byte every {@code perByte}, a long header first. */
  static RawPeer trickling(Duration perByte) throws IOException {
    return new RawPeer((socket, peer) -> {
      peer.readRequest(socket.getInputStream());
      byte[] answer = ("HTTP/1.1 200 OK\r\nX-Padding: " + "x".repeat(200) + "\r\nContent-Length: 0\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII);
      OutputStream out = socket.getOutputStream();
      for (byte b : answer) {
        out.write(b);
        out.flush();
        Thread.sleep(perByte.toMillis());
      }
    }, 0);
  }

  /**
   * Answers the first request on each connection with 200 and keeps the connection open; reads a second
   * request on it and closes the connection without answering, as a server does whose idle timeout closed
   * it while the request was on its way.
   */
  static RawPeer closingKeptAliveConnections() throws IOException {
    return new RawPeer((socket, peer) -> {
      InputStream in = socket.getInputStream();
      peer.readRequest(in);
      socket.getOutputStream().write("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      socket.getOutputStream().flush();
      if (peer.readRequest(in)) {
        socket.close();
      }
    }, 0);
  }

  String url() {
    return "http://127.0.0.1:" + server.getLocalPort() + "/v1/traces";
  }

  private void accept() {
    while (!closed) {
      try {
        Socket socket = server.accept();
        sockets.add(socket);
        connections.incrementAndGet();
        Thread handler = new Thread(() -> {
          try {
            behaviour.serve(socket, this);
          } catch (IOException | InterruptedException e) {
            // the sender went away
          }
        }, THREAD);
        handler.setDaemon(true);
        threads.add(handler);
        handler.start();
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  /** Reads one request (headers, then a body of its Content-Length); false when the connection ended first. */
  boolean readRequest(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    for (int b; matched < 4; ) {
      b = in.read();
      if (b < 0) {
        return false;
      }
      head.write(b);
      matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
    }
    requests.incrementAndGet();
    long length = 0;
    for (String line : head.toString(StandardCharsets.US_ASCII).split("\r\n")) {
      if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
        length = Long.parseLong(line.substring("content-length:".length()).strip());
      }
    }
    try {
      in.skipNBytes(length);
      return true;
    } catch (java.io.EOFException e) {
      return false;
    }
  }

  @Override
  public void close() throws IOException {
    closed = true;
    server.close();
    for (Socket socket : sockets) {
      socket.close();
    }
    for (Thread thread : threads) {
      thread.interrupt();
    }
  }
}
