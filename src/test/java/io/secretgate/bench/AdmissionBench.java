package io.secretgate.bench;

import io.secretgate.tls.Pem;
import io.secretgate.tls.SslContexts;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * {@code bench/run admission}: the load generator, in this JVM; it starts {@link AdmissionBenchServer}
 * in another JVM (same java, same classpath) and drives it over keep-alive TLS connections
 * (HTTP/1.1, one blocking {@link SSLSocket} per connection and thread: no client-side pool or
 * executor between the clock and the wire, and exactly the connection count asked for).
 *
 * <p>Per endpoint and round: peak throughput (closed loop, every connection sends its next request
 * when the answer arrives), then latency at a fixed open-loop rate (request i is due at
 * {@code start + i / rate}, spread over the connections; its latency counts from when it was due,
 * so a slow answer cannot hide the requests queued behind it). Figures are medians over rounds;
 * endpoints alternate within a round, so the floor is measured under the same machine load.
 *
 * <p>Args: {@code SECONDS CONNECTIONS RATE ROUNDS FACTS_DIR NAME=PATH=BODY_FILE...}; the endpoint
 * named {@code floor} is the one the others are compared with.
 */
public final class AdmissionBench {
  private static final double[] PERCENTILES = {50, 99, 99.9};

  record Endpoint(String name, String path, byte[] request) {}

  /** One endpoint's figures in one round; {@code jitMs}: the server's JIT compile time during the peak measure. */
  record Round(double rpsPeak, double[] latencyMs, long errors, long jitMs) {}

  private AdmissionBench() {}

  public static void main(String[] args) throws Exception {
    int seconds = Integer.parseInt(args[0]);
    int connections = Integer.parseInt(args[1]);
    int rate = Integer.parseInt(args[2]);
    int rounds = Integer.parseInt(args[3]);
    Path facts = Path.of(args[4]);
    List<Endpoint> endpoints = new ArrayList<>();
    for (int i = 5; i < args.length; i++) endpoints.add(endpoint(args[i]));
    Path ca = Files.createTempFile("bench-ca", ".pem");
    Process server = startServer(ca, facts, endpoints);
    try {
      BufferedReader serverOut = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.US_ASCII));
      int port = readPort(serverOut);
      ServerJit jit = new ServerJit(server.getOutputStream(), serverOut);
      SSLContext tls = SslContexts.clientTrusting(Pem.readCertificates(ca));
      Map<String, List<Round>> results = new LinkedHashMap<>();
      Map<String, String> answers = new LinkedHashMap<>();
      Map<String, Integer> warmUpSeconds = new LinkedHashMap<>();
      for (Endpoint e : endpoints) {
        results.put(e.name(), new ArrayList<>());
        Warm warm = warmUp(tls, port, e, connections, jit);
        answers.put(e.name(), warm.sample());
        warmUpSeconds.put(e.name(), warm.seconds());
      }
      int settleSeconds = settle(tls, port, endpoints, connections, jit);
      for (int r = 0; r < rounds; r++) {
        for (Endpoint e : endpoints) {
          long jitBefore = jit.totalMs();
          Closed peak = closedLoop(tls, port, e, connections, seconds);
          long jitMs = jit.totalMs() - jitBefore;
          Open open = openLoop(tls, port, e, connections, rate, seconds);
          results.get(e.name()).add(new Round(peak.requests / (double) seconds, open.percentilesMs, peak.errors + open.errors, jitMs));
        }
      }
      report(seconds, connections, rate, rounds, results, answers, warmUpSeconds, settleSeconds);
    } finally {
      server.getOutputStream().close();
      if (!server.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) server.destroyForcibly();
      Files.deleteIfExists(ca);
    }
  }

  private static void report(int seconds, int connections, int rate, int rounds, Map<String, List<Round>> results, Map<String, String> answers,
      Map<String, Integer> warmUpSeconds, int settleSeconds) {
    System.out.println("bench=admission");
    System.out.println("connections=" + connections);
    System.out.println("open_loop_rate_rps=" + rate);
    System.out.println("seconds_per_measure=" + seconds);
    System.out.println("rounds=" + rounds);
    System.out.println("settle_seconds=" + settleSeconds);
    results.forEach((name, rs) -> {
      System.out.printf(Locale.ROOT, "%s_rps_peak=%.0f%n", name, median(rs.stream().mapToDouble(Round::rpsPeak).toArray()));
      for (int p = 0; p < PERCENTILES.length; p++) {
        int i = p;
        System.out.printf(Locale.ROOT, "%s_p%s_ms=%.2f%n", name, label(PERCENTILES[p]), median(rs.stream().mapToDouble(r -> r.latencyMs()[i]).toArray()));
      }
      System.out.println(name + "_errors=" + rs.stream().mapToLong(Round::errors).sum());
      System.out.println(name + "_answer_allowed=" + answers.getOrDefault(name, "").contains("\"allowed\":true"));
      System.out.println(name + "_warmup_seconds=" + warmUpSeconds.get(name));
      System.out.printf(Locale.ROOT, "%s_jit_ms_during_peak=%.0f%n", name, median(rs.stream().mapToDouble(Round::jitMs).toArray()));
    });
    List<Round> floor = results.get("floor");
    if (floor != null) {
      double floorPeak = median(floor.stream().mapToDouble(Round::rpsPeak).toArray());
      results.forEach((name, rs) -> {
        if (name.equals("floor")) return;
        double ratio = median(rs.stream().mapToDouble(Round::rpsPeak).toArray()) / floorPeak;
        System.out.printf(Locale.ROOT, "%s_throughput_ratio=%.2f%n", name, ratio);
        if (name.equals("validating")) System.out.printf(Locale.ROOT, "throughput_ratio=%.2f%n", ratio);
      });
    }
    System.out.println("target_p99_ms=5");
    System.out.println("target_throughput_ratio=0.70");
  }

  private static String label(double p) {
    return p == Math.rint(p) ? String.valueOf((int) p) : String.valueOf(p).replace(".", "");
  }

  static double median(double[] values) {
    double[] v = values.clone();
    Arrays.sort(v);
    int n = v.length;
    return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
  }

  private static Endpoint endpoint(String spec) throws IOException {
    String[] parts = spec.split("=", 3);
    if (parts.length != 3) throw new IllegalArgumentException("an endpoint is NAME=PATH=BODY_FILE, got " + spec);
    byte[] body = Files.readAllBytes(Path.of(parts[2]));
    byte[] head = ("POST " + parts[1] + "?timeout=10s HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nAccept: application/json\r\n"
        + "Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    byte[] request = Arrays.copyOf(head, head.length + body.length);
    System.arraycopy(body, 0, request, head.length, body.length);
    return new Endpoint(parts[0], parts[1], request);
  }

  private static Process startServer(Path ca, Path facts, List<Endpoint> endpoints) throws IOException {
    List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"), "-cp", System.getProperty("java.class.path")));
    // Extra JVM options for the server only (e.g. a JFR recording), from the environment.
    String opts = System.getenv().getOrDefault("BENCH_SERVER_JVM_OPTS", "").trim();
    if (!opts.isEmpty()) cmd.addAll(List.of(opts.split("\\s+")));
    // quiet: the online endpoint's in-process mock API server logs each request through java.util.logging
    cmd.addAll(List.of("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-Djava.util.logging.config.file=src/test/resources/logging.properties",
        AdmissionBenchServer.class.getName(), ca.toString(), facts.toString()));
    endpoints.stream().map(Endpoint::path).distinct().forEach(cmd::add);
    return new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
  }

  private static int readPort(BufferedReader out) throws IOException {
    for (String line = out.readLine(); line != null; line = out.readLine()) {
      if (line.startsWith("port=")) return Integer.parseInt(line.substring(5).trim());
    }
    throw new IOException("the bench server exited before it listened");
  }

  record Closed(long requests, long errors, String sample) {}

  record Warm(int seconds, String sample) {}

  private static final int WARMUP_WINDOW_SECONDS = 3;
  private static final int WARMUP_MAX_SECONDS = 180;
  /** The server's JIT is quiet when it compiled for at most this share of a window's wall time. */
  private static final double JIT_QUIET_SHARE = 0.02;

  /**
   * Closed-loop windows until the endpoint is warm, at most {@value #WARMUP_MAX_SECONDS} seconds:
   * throughput within 5% of the window before, and the server's JIT quiet ({@link #JIT_QUIET_SHARE}).
   * A long request path is compiled in tiers, and on two cores the optimising compiler shares the
   * CPU with the load: throughput can look steady for two windows while the compiler still takes
   * most of a core, and a measure taken then is of the compiler, not of code a server running for
   * days runs. Each endpoint's peak measure reports the JIT time spent during it.
   */
  private static Warm warmUp(SSLContext tls, int port, Endpoint e, int connections, ServerJit jit) throws Exception {
    String sample = "";
    double previous = -1;
    int spent = 0;
    while (spent < WARMUP_MAX_SECONDS) {
      long jitBefore = jit.totalMs();
      Closed w = closedLoop(tls, port, e, connections, WARMUP_WINDOW_SECONDS);
      boolean jitQuiet = jit.totalMs() - jitBefore <= JIT_QUIET_SHARE * WARMUP_WINDOW_SECONDS * 1000;
      spent += WARMUP_WINDOW_SECONDS;
      if (sample.isEmpty()) sample = w.sample();
      double rps = w.requests() / (double) WARMUP_WINDOW_SECONDS;
      if (jitQuiet && previous > 0 && Math.abs(rps - previous) <= 0.05 * previous) break;
      previous = rps;
    }
    return new Warm(spent, sample);
  }

  /**
   * One window per endpoint in turn until a whole turn leaves the JIT quiet, at most
   * {@value #WARMUP_MAX_SECONDS} seconds: an endpoint warmed alone can see its compiled code
   * thrown away (and compiled again) once the others have run through the code they share.
   * Returns the seconds spent.
   */
  private static int settle(SSLContext tls, int port, List<Endpoint> endpoints, int connections, ServerJit jit) throws Exception {
    int spent = 0;
    while (spent < WARMUP_MAX_SECONDS) {
      long jitBefore = jit.totalMs();
      for (Endpoint e : endpoints) closedLoop(tls, port, e, connections, WARMUP_WINDOW_SECONDS);
      int turn = WARMUP_WINDOW_SECONDS * endpoints.size();
      spent += turn;
      if (jit.totalMs() - jitBefore <= JIT_QUIET_SHARE * turn * 1000) break;
    }
    return spent;
  }

  /** Asks the bench server (over its stdin and stdout) for its JIT's total compile time so far. */
  static final class ServerJit {
    private final OutputStream in;
    private final BufferedReader out;

    ServerJit(OutputStream serverIn, BufferedReader serverOut) {
      this.in = serverIn;
      this.out = serverOut;
    }

    long totalMs() throws IOException {
      in.write(AdmissionBenchServer.JIT_QUESTION.getBytes(StandardCharsets.US_ASCII));
      in.write('\n');
      in.flush();
      String line = out.readLine();
      if (line == null || !line.startsWith(AdmissionBenchServer.JIT_ANSWER)) throw new IOException("the bench server did not answer its JIT time: " + line);
      return Long.parseLong(line.substring(AdmissionBenchServer.JIT_ANSWER.length()).trim());
    }
  }

  /** Every connection sends its next request as soon as the answer to the last one is in, for {@code seconds}. */
  private static Closed closedLoop(SSLContext tls, int port, Endpoint e, int connections, int seconds) throws Exception {
    AtomicLong done = new AtomicLong();
    AtomicLong errors = new AtomicLong();
    String[] sample = {""};
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    runOnConnections(tls, port, connections, (c, index) -> {
      while (System.nanoTime() < end) {
        Answer a = c.call(e.request());
        if (a.status() != 200) errors.incrementAndGet();
        if (index == 0 && sample[0].isEmpty()) sample[0] = a.body();
        done.incrementAndGet();
      }
    });
    return new Closed(done.get(), errors.get(), sample[0]);
  }

  record Open(double[] percentilesMs, long errors) {}

  /** Request i is due at start + i/rate on connection i mod N; latency counts from when it was due. */
  private static Open openLoop(SSLContext tls, int port, Endpoint e, int connections, int rate, int seconds) throws Exception {
    int total = rate * seconds;
    long[] latencies = new long[total];
    AtomicLong errors = new AtomicLong();
    long intervalNanos = 1_000_000_000L / rate;
    long start = System.nanoTime() + 50_000_000L; // every connection is open and waiting by then
    runOnConnections(tls, port, connections, (c, index) -> {
      for (int i = index; i < total; i += connections) {
        long due = start + i * intervalNanos;
        long wait = due - System.nanoTime();
        if (wait > 0) LockSupport.parkNanos(wait);
        Answer a = c.call(e.request());
        latencies[i] = System.nanoTime() - due;
        if (a.status() != 200) errors.incrementAndGet();
      }
    });
    Arrays.sort(latencies);
    double[] ms = new double[PERCENTILES.length];
    for (int p = 0; p < PERCENTILES.length; p++) {
      int rank = (int) Math.ceil(PERCENTILES[p] / 100.0 * total) - 1;
      ms[p] = latencies[Math.max(0, Math.min(total - 1, rank))] / 1e6;
    }
    return new Open(ms, errors.get());
  }

  interface Work {
    void run(Connection c, int index) throws IOException;
  }

  private static void runOnConnections(SSLContext tls, int port, int connections, Work work) throws Exception {
    List<Connection> open = new ArrayList<>();
    for (int i = 0; i < connections; i++) open.add(new Connection(tls, port));
    List<Thread> threads = new ArrayList<>();
    Throwable[] failure = new Throwable[1];
    for (int i = 0; i < connections; i++) {
      int index = i;
      Thread t = new Thread(() -> {
        try {
          work.run(open.get(index), index);
        } catch (Throwable ex) {
          synchronized (failure) {
            failure[0] = ex;
          }
        }
      }, "load-" + i);
      threads.add(t);
      t.start();
    }
    for (Thread t : threads) t.join();
    for (Connection c : open) c.close();
    if (failure[0] != null) throw new IOException("a load connection failed: " + failure[0], failure[0]);
  }

  record Answer(int status, String body) {}

  /** One keep-alive HTTP/1.1 connection over TLS, checking the server's name as kube-apiserver would. */
  static final class Connection implements AutoCloseable {
    private final SSLSocket socket;
    private final OutputStream out;
    private final InputStream in;

    Connection(SSLContext tls, int port) throws IOException {
      socket = (SSLSocket) tls.getSocketFactory().createSocket("localhost", port);
      SSLParameters params = socket.getSSLParameters();
      params.setEndpointIdentificationAlgorithm("HTTPS");
      params.setApplicationProtocols(new String[] {"http/1.1"});
      socket.setSSLParameters(params);
      socket.setTcpNoDelay(true);
      socket.setSoTimeout(30_000);
      socket.startHandshake();
      out = socket.getOutputStream();
      in = new java.io.BufferedInputStream(socket.getInputStream(), 16 * 1024);
    }

    Answer call(byte[] request) throws IOException {
      out.write(request);
      out.flush();
      String status = line();
      int code = Integer.parseInt(status.substring(9, 12));
      int length = -1;
      boolean chunked = false;
      for (String h = line(); !h.isEmpty(); h = line()) {
        String lower = h.toLowerCase(Locale.ROOT);
        if (lower.startsWith("content-length:")) length = Integer.parseInt(h.substring(15).trim());
        if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) chunked = true;
      }
      byte[] body = chunked ? chunkedBody() : in.readNBytes(Math.max(length, 0));
      return new Answer(code, new String(body, StandardCharsets.UTF_8));
    }

    private byte[] chunkedBody() throws IOException {
      ByteArrayOutputStream body = new ByteArrayOutputStream();
      for (int size = Integer.parseInt(line().split(";")[0].trim(), 16); size > 0; size = Integer.parseInt(line().split(";")[0].trim(), 16)) {
        body.write(in.readNBytes(size));
        line();
      }
      line();
      return body.toByteArray();
    }

    private String line() throws IOException {
      StringBuilder b = new StringBuilder();
      for (int c = in.read(); c != '\n'; c = in.read()) {
        if (c < 0) throw new IOException("the server closed the connection");
        if (c != '\r') b.append((char) c);
      }
      return b.toString();
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }
}
