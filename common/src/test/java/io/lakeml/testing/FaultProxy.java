package io.lakeml.testing;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An HTTP/1.1 proxy on 127.0.0.1 in front of an S3 server that answers a share of requests with
 * {@code 503 SlowDown} (S3's throttling answer) and resets a share of connections, as S3 does under
 * load. It reads each request's head and body and each response's head and body (content length,
 * chunked, or to the end), so requests on a kept-alive connection are faulted one at a time, {@code
 * Expect: 100-continue} uploads included.
 *
 * <p>A faulted request never reaches the server, so a retry is always safe. After a fault the next
 * two requests pass, so any retry limit of at least one absorbs every fault.
 */
public final class FaultProxy implements AutoCloseable {
  private final ServerSocket server;
  private final int upstreamPort;
  private final double throttleShare;
  private final double resetShare;
  private final Random random;
  private final ExecutorService threads = Executors.newCachedThreadPool(FaultProxy::daemon);
  private final AtomicLong requests = new AtomicLong();
  private final AtomicLong throttled = new AtomicLong();
  private final AtomicLong resets = new AtomicLong();
  private int passesOwed;

  /** What the proxy did so far. */
  public record Faults(long requests, long throttled, long resets) {}

  private FaultProxy(int upstreamPort, double throttleShare, double resetShare, long seed)
      throws IOException {
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    this.upstreamPort = upstreamPort;
    this.throttleShare = throttleShare;
    this.resetShare = resetShare;
    this.random = new Random(seed);
  }

  /** A proxy in front of the server at {@code upstreamPort} on 127.0.0.1, accepting at once. */
  public static FaultProxy start(
      int upstreamPort, double throttleShare, double resetShare, long seed) throws IOException {
    FaultProxy proxy = new FaultProxy(upstreamPort, throttleShare, resetShare, seed);
    proxy.threads.execute(proxy::accept);
    return proxy;
  }

  public String endpoint() {
    return "http://127.0.0.1:" + server.getLocalPort();
  }

  public Faults faults() {
    return new Faults(requests.get(), throttled.get(), resets.get());
  }

  @Override
  public void close() throws IOException {
    server.close();
    threads.shutdownNow();
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        threads.execute(() -> serve(client));
      } catch (IOException e) {
        return;
      }
    }
  }

  private enum Fault {
    NONE,
    THROTTLE,
    RESET
  }

  private synchronized Fault next() {
    requests.incrementAndGet();
    if (passesOwed > 0) {
      passesOwed--;
      return Fault.NONE;
    }
    double r = random.nextDouble();
    Fault fault =
        r < throttleShare
            ? Fault.THROTTLE
            : r < throttleShare + resetShare ? Fault.RESET : Fault.NONE;
    if (fault != Fault.NONE) {
      passesOwed = 2;
    }
    return fault;
  }

  /** One client connection: its requests in turn, each faulted or passed to the server. */
  private void serve(Socket client) {
    Socket upstream = null;
    try (client) {
      InputStream in = client.getInputStream();
      OutputStream out = client.getOutputStream();
      while (true) {
        Head request = Head.read(in);
        if (request == null) {
          return;
        }
        Fault fault = next();
        if (fault == Fault.RESET) {
          resets.incrementAndGet();
          client.setSoLinger(true, 0);
          return;
        }
        if (fault == Fault.THROTTLE) {
          throttled.incrementAndGet();
          slowDown(request, in, out);
          return;
        }
        if (upstream == null) {
          upstream = new Socket(InetAddress.getLoopbackAddress(), upstreamPort);
        }
        if (!pass(request, in, out, upstream) || request.closes()) {
          return;
        }
      }
    } catch (IOException e) {
      // A client that went away, or the proxy closing: the connection ends either way.
    } finally {
      closeQuietly(upstream);
    }
  }

  /** Answers 503 SlowDown, reading no body the client has not sent yet, and closes. */
  private void slowDown(Head request, InputStream in, OutputStream out) throws IOException {
    if (!request.expectsContinue()) {
      Bodies.copy(request, in, OutputStream.nullOutputStream());
    }
    byte[] body =
        ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>SlowDown</Code>"
                + "<Message>Please reduce your request rate.</Message>"
                + "<RequestId>lakeml-fault-proxy</RequestId></Error>")
            .getBytes(StandardCharsets.UTF_8);
    boolean head = request.method().equals("HEAD");
    String response =
        "HTTP/1.1 503 Slow Down\r\nContent-Type: application/xml\r\nContent-Length: "
            + (head ? 0 : body.length)
            + "\r\nConnection: close\r\n\r\n";
    out.write(response.getBytes(StandardCharsets.ISO_8859_1));
    if (!head) {
      out.write(body);
    }
    out.flush();
  }

  /** Relays one request and its response; false when the connection must end. */
  private static boolean pass(Head request, InputStream in, OutputStream out, Socket upstream)
      throws IOException {
    InputStream fromServer = upstream.getInputStream();
    OutputStream toServer = upstream.getOutputStream();
    toServer.write(request.bytes());
    toServer.flush();
    Head response;
    if (request.expectsContinue()) {
      response = Head.read(fromServer);
      if (response == null) {
        return false;
      }
      if (response.status() == 100) {
        out.write(response.bytes());
        out.flush();
        Bodies.copy(request, in, toServer);
        toServer.flush();
        response = Head.read(fromServer);
      }
    } else {
      Bodies.copy(request, in, toServer);
      toServer.flush();
      response = Head.read(fromServer);
    }
    if (response == null) {
      return false;
    }
    out.write(response.bytes());
    boolean whole = Bodies.copyResponse(request, response, fromServer, out);
    out.flush();
    return whole && !response.closes();
  }

  private static void closeQuietly(Socket socket) {
    if (socket != null) {
      try {
        socket.close();
      } catch (IOException e) {
        // Already gone.
      }
    }
  }

  private static Thread daemon(Runnable r) {
    Thread t = new Thread(r, "fault-proxy");
    t.setDaemon(true);
    return t;
  }

  /** A request's or a response's head: the start line and the headers, as read. */
  private record Head(String startLine, String headers, byte[] bytes) {
    static Head read(InputStream in) throws IOException {
      ByteArrayOutputStream buf = new ByteArrayOutputStream();
      int matched = 0;
      while (matched < 4) {
        int b = in.read();
        if (b < 0) {
          if (buf.size() == 0) {
            return null;
          }
          throw new EOFException("connection closed inside a message head");
        }
        buf.write(b);
        matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
      }
      String text = buf.toString(StandardCharsets.ISO_8859_1);
      int eol = text.indexOf("\r\n");
      return new Head(
          text.substring(0, eol), text.substring(eol).toLowerCase(Locale.ROOT), buf.toByteArray());
    }

    String method() {
      return startLine.substring(0, startLine.indexOf(' '));
    }

    int status() {
      return Integer.parseInt(startLine.split(" ")[1]);
    }

    String header(String name) {
      String key = "\r\n" + name + ":";
      int at = headers.indexOf(key);
      if (at < 0) {
        return null;
      }
      int end = headers.indexOf("\r\n", at + key.length());
      return headers.substring(at + key.length(), end).trim();
    }

    boolean expectsContinue() {
      return "100-continue".equals(header("expect"));
    }

    boolean chunked() {
      String te = header("transfer-encoding");
      return te != null && te.contains("chunked");
    }

    long contentLength() {
      String length = header("content-length");
      return length == null ? -1 : Long.parseLong(length);
    }

    boolean closes() {
      return "close".equals(header("connection"));
    }
  }

  /** Message bodies, framed as HTTP/1.1 frames them. */
  private static final class Bodies {
    private Bodies() {}

    /** A request's body: chunked, of a content length, or none. */
    static void copy(Head head, InputStream in, OutputStream out) throws IOException {
      if (head.chunked()) {
        chunks(in, out);
      } else if (head.contentLength() > 0) {
        exactly(head.contentLength(), in, out);
      }
    }

    /** A response's body; false when it ran to the end of the connection. */
    static boolean copyResponse(Head request, Head response, InputStream in, OutputStream out)
        throws IOException {
      int status = response.status();
      if (request.method().equals("HEAD") || status / 100 == 1 || status == 204 || status == 304) {
        return true;
      }
      if (response.chunked() || response.contentLength() >= 0) {
        copy(response, in, out);
        return true;
      }
      in.transferTo(out);
      return false;
    }

    static void exactly(long n, InputStream in, OutputStream out) throws IOException {
      byte[] buf = new byte[64 * 1024];
      long left = n;
      while (left > 0) {
        int r = in.read(buf, 0, (int) Math.min(buf.length, left));
        if (r < 0) {
          throw new EOFException("connection closed inside a body, " + left + " bytes short");
        }
        out.write(buf, 0, r);
        left -= r;
      }
    }

    private static void chunks(InputStream in, OutputStream out) throws IOException {
      while (true) {
        String sizeLine = line(in);
        out.write((sizeLine + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        int semicolon = sizeLine.indexOf(';');
        long size =
            Long.parseLong(
                (semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).trim(), 16);
        if (size == 0) {
          // Trailers, then the empty line that ends the body.
          String trailer;
          do {
            trailer = line(in);
            out.write((trailer + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
          } while (!trailer.isEmpty());
          return;
        }
        exactly(size + 2, in, out);
      }
    }

    private static String line(InputStream in) throws IOException {
      ByteArrayOutputStream buf = new ByteArrayOutputStream();
      int prev = -1;
      while (true) {
        int b = in.read();
        if (b < 0) {
          throw new EOFException("connection closed inside a chunked body");
        }
        if (prev == '\r' && b == '\n') {
          byte[] bytes = buf.toByteArray();
          return new String(bytes, 0, bytes.length - 1, StandardCharsets.ISO_8859_1);
        }
        buf.write(b);
        prev = b;
      }
    }
  }
}
