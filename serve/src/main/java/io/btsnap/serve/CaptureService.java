package io.btsnap.serve;

import io.btsnap.capture.FileSelection;
import io.btsnap.capture.pipeline.CaptureContent;
import io.btsnap.capture.pipeline.CapturePipeline;
import io.btsnap.capture.pipeline.CaptureRequest;
import io.btsnap.capture.pipeline.CaptureResult;
import io.btsnap.errors.OneLine;
import io.btsnap.json.Json;
import io.btsnap.json.JsonReader;
import io.btsnap.store.Store;
import io.btsnap.time.Durations;
import java.io.IOException;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import jdk.net.ExtendedSocketOptions;

/**
 * The running service: holds {@code serve.lock} for life, listens on {@code serve.sock}, and
 * serves each connection on a thread of its own, request after request. Replies to a capture
 * only after its durable commit; captures of concurrent clients share commits (see the store's
 * group commit). Exits when told to, when idle for its idle time, when its store disappears, or
 * when its jar is replaced (a new build; the next client starts the new one); a request in
 * progress is always finished first.
 */
public final class CaptureService {
  /** The reply code of a capture too large for the service: the client runs the CLI instead. */
  public static final int LEFT_TO_THE_COMMAND = 3;

  /** The bytes one capture may hold in memory: concurrent captures must fit the capped heap. */
  private static long contentBudget() {
    return Runtime.getRuntime().maxMemory() / 4;
  }

  /** The most connections served at once; more get an error reply. */
  static final int MAX_CONNECTIONS = 128;

  private static final java.nio.file.attribute.FileAttribute<?> PRIVATE_FILE =
      PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));

  private final ServiceFolder folder;
  private final Store store;
  /** One pipeline for every client: it keeps the environment they all report parsed once. */
  private final CapturePipeline pipeline;
  /** The push op's S3 clients, made by the first push. */
  private ServicePush pushes;
  private final Duration idle;
  private final PrintStream log;
  private final Instant started = Instant.now();
  private final AtomicLong captures = new AtomicLong();
  private final EnvironmentJson environmentJson = new EnvironmentJson();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger connections = new AtomicInteger();
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final Optional<JarStamp> jar = JarStamp.ofRunningCode();
  private volatile long lastActivity = System.nanoTime();
  private volatile String stopReason;
  private ServerSocketChannel server;
  private Object ownUser;

  private CaptureService(ServiceFolder folder, Store store, Duration idle, PrintStream log) {
    this.folder = folder;
    this.store = store;
    this.pipeline = CapturePipeline.standard(store);
    this.idle = idle;
    this.log = log;
  }

  /**
   * Serves {@code store} until stopped; returns the exit code. Returns at once, with 0, when
   * another service already holds the folder's lock.
   */
  public static int serve(ServiceFolder folder, Store store, Duration idle, PrintStream log) throws IOException {
    folder.create();
    try (FileChannel lockChannel = FileChannel.open(folder.lockFile(),
        java.util.Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE), PRIVATE_FILE)) {
      FileLock lock = lockChannel.tryLock();
      if (lock == null) {
        log.println("btsnap serve: a service already runs for " + folder.store());
        return 0;
      }
      CaptureService service = new CaptureService(folder, store, idle, log);
      service.ownUser = Files.getOwner(folder.lockFile());
      return service.run();
    }
  }

  private int run() throws IOException {
    // Holding the lock, any socket left here is a dead service's.
    Files.deleteIfExists(folder.socket());
    server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    server.bind(UnixDomainSocketAddress.of(folder.socket()));
    Files.setPosixFilePermissions(folder.socket(), PosixFilePermissions.fromString("rw-------"));
    writeInfo();
    log.printf("btsnap serve: pid %d serving %s on %s (idle exit after %s)%n", ProcessHandle.current().pid(),
        folder.store(), folder.socket(), idle.isZero() ? "never" : idle);
    ExecutorService pool = Executors.newCachedThreadPool(daemonThreads("btsnap-client"));
    ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(daemonThreads("btsnap-watchdog"));
    watchdog.scheduleWithFixedDelay(this::watch, 1, 1, TimeUnit.SECONDS);
    try {
      while (stopReason == null) {
        SocketChannel client;
        try {
          client = server.accept();
        } catch (java.nio.channels.ClosedChannelException e) {
          break; // stop() closed it
        }
        if (connections.incrementAndGet() > MAX_CONNECTIONS) {
          refuse(client, "too many clients at once (" + MAX_CONNECTIONS + "): try again");
          connections.decrementAndGet();
          continue;
        }
        pool.execute(() -> {
          try {
            serveConnection(client);
          } finally {
            connections.decrementAndGet();
          }
        });
      }
    } finally {
      watchdog.shutdownNow();
      awaitRequestsInFlight();
      pool.shutdownNow();
      synchronized (this) {
        if (pushes != null) {
          pushes.close();
        }
      }
      Files.deleteIfExists(folder.infoFile());
      Files.deleteIfExists(folder.socket());
      log.println("btsnap serve: stopped: " + stopReason + " (" + captures.get() + " captures served)");
      stopped.countDown();
    }
    return 0;
  }

  private void writeInfo() throws IOException {
    Map<String, Object> info = new LinkedHashMap<>();
    info.put("pid", ProcessHandle.current().pid());
    info.put("protocol", ServiceFolder.PROTOCOL);
    info.put("store", folder.store().toString());
    info.put("started", started.toString());
    // A command line forwards its capture only to a service of its own build (ServiceCapture).
    jar.ifPresent(j -> info.put("jar", Map.of("path", j.path().toString(), "size", j.size(), "modified", j.modified())));
    Path tmp = folder.dir().resolve("serve.json.tmp");
    Files.deleteIfExists(tmp);
    Files.createFile(tmp, PRIVATE_FILE);
    Files.writeString(tmp, Json.write(info) + "\n", StandardCharsets.UTF_8);
    Files.move(tmp, folder.infoFile(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  private void serveConnection(SocketChannel client) {
    try (client) {
      Object peer = client.getOption(ExtendedSocketOptions.SO_PEERCRED).user();
      if (!peer.equals(ownUser)) {
        log.println("btsnap serve: refused a connection from user " + peer);
        Frames.write(client, error("refused: this service serves its own user only", 1));
        return;
      }
      ConnectionState state = new ConnectionState();
      while (stopReason == null) {
        String frame;
        try {
          frame = Frames.read(client);
        } catch (CharacterCodingException e) {
          Frames.write(client, error("bad request: frame is not UTF-8", 2));
          continue;
        } catch (Frames.TooLargeException e) {
          Frames.write(client, error("bad request: " + e.getMessage(), 2));
          return; // nothing marks where the next frame starts
        }
        if (frame == null) {
          return;
        }
        inFlight.incrementAndGet();
        try {
          lastActivity = System.nanoTime();
          Frames.write(client, handle(frame, state));
        } finally {
          lastActivity = System.nanoTime();
          inFlight.decrementAndGet();
        }
      }
    } catch (IOException e) {
      // The client went away (killed, timed out) or sent half a frame: nothing to answer.
    }
  }

  /** What a connection's requests may refer back to. */
  static final class ConnectionState {
    Map<String, String> environment;
  }

  /** Answers one request frame; never throws for anything the client sent. */
  String handle(String frame, ConnectionState state) {
    Map<String, Object> request;
    try {
      Object parsed = JsonReader.parse(frame);
      if (!(parsed instanceof Map<?, ?>)) {
        return error("bad request: not a JSON object", 2);
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> object = (Map<String, Object>) parsed;
      request = object;
    } catch (RuntimeException e) {
      return error("bad request: " + OneLine.message(e), 2);
    }
    Object op = request.get("op");
    try {
      if ("capture".equals(op)) {
        return capture(request, state);
      }
      if ("annotate".equals(op) || "label".equals(op)) {
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("ok", true);
        reply.put("run", RunReads.shown(store, RunChanges.apply(store, request)));
        return Json.writeAscii(reply);
      }
      if ("runs".equals(op) || "run".equals(op) || "read".equals(op)) {
        return RunReads.answer(store, request);
      }
      if ("push".equals(op)) {
        return Json.writeAscii(pushes().push(request));
      }
      if ("status".equals(op) || "stop".equals(op)) {
        if (request.size() != 1) {
          return error("bad request: '" + op + "' takes no other field", 2);
        }
        Map<String, Object> reply = status();
        if ("stop".equals(op)) {
          stop("stopped by a client");
        }
        return Json.writeAscii(reply);
      }
      return error("bad request: unknown op " + (op == null ? "(none)" : "'" + op + "'"), 2);
    } catch (CaptureRequests.BadRequestException e) {
      return error("bad request: " + e.getMessage(), 2);
    } catch (ServicePush.TooLargeException | RunReads.TooLargeException e) {
      return error(e.getMessage(), LEFT_TO_THE_COMMAND);
    } catch (Exception e) {
      return error(OneLine.message(e), 1);
    } catch (OutOfMemoryError e) {
      throw e;
    } catch (Error e) {
      return error("internal error: " + e, 1);
    }
  }

  private synchronized ServicePush pushes() {
    if (pushes == null) {
      pushes = new ServicePush(store, contentBudget());
    }
    return pushes;
  }

  private String capture(Map<String, Object> json, ConnectionState state) throws IOException {
    CaptureRequest request = CaptureRequests.read(json, state.environment);
    state.environment = request.environment();
    FileSelection selection = CapturePipeline.select(request);
    long bytes = 0;
    for (var file : selection.files()) {
      bytes += file.size();
    }
    if (bytes > contentBudget()) {
      // A capped heap serves every client; a capture this large belongs to its own process.
      return error(String.format("the files come to %,d bytes, more than the service takes at once (%,d):"
          + " capture them with the btsnap command", bytes, contentBudget()), LEFT_TO_THE_COMMAND);
    }
    CaptureContent content = CapturePipeline.read(request, selection);
    CaptureResult result = pipeline.commit(request, content);
    captures.incrementAndGet();
    Map<String, Object> reply = new LinkedHashMap<>();
    reply.put("ok", true);
    reply.put("run", environmentJson.encode(result.toJson()));
    return Json.writeAscii(reply);
  }

  private Map<String, Object> status() {
    Map<String, Object> reply = new LinkedHashMap<>();
    reply.put("ok", true);
    reply.put("pid", ProcessHandle.current().pid());
    reply.put("store", folder.store().toString());
    reply.put("started", started.toString());
    reply.put("uptimeSeconds", Duration.between(started, Instant.now()).toSeconds());
    reply.put("captures", captures.get());
    synchronized (this) {
      reply.put("pushes", pushes == null ? 0 : pushes.served.get());
    }
    reply.put("clients", connections.get());
    reply.put("idleExitSeconds", idle.toSeconds());
    reply.put("protocol", ServiceFolder.PROTOCOL);
    return reply;
  }

  static String error(String message, int code) {
    Map<String, Object> reply = new LinkedHashMap<>();
    reply.put("ok", false);
    reply.put("error", message);
    reply.put("code", code);
    return Json.writeAscii(reply);
  }

  private static void refuse(SocketChannel client, String message) {
    try (client) {
      Frames.write(client, error(message, 1));
    } catch (IOException e) {
      // it left already
    }
  }

  /** Checks, once a second, the reasons to exit that nobody tells the service. */
  private void watch() {
    try {
      if (!Store.exists(folder.store())) {
        stop("its store " + folder.store() + " is gone");
      } else if (jar.isPresent() && jar.get().changed()) {
        stop("its jar " + jar.get().path() + " was replaced by a new build");
      } else if (!Files.exists(folder.socket())) {
        stop("its socket was removed");
      } else if (!idle.isZero() && inFlight.get() == 0 && System.nanoTime() - lastActivity > idle.toNanos()) {
        stop("idle for " + Durations.human(idle));
      }
    } catch (RuntimeException e) {
      log.println("btsnap serve: watchdog: " + e);
    }
  }

  private synchronized void stop(String reason) {
    if (stopReason != null) {
      return;
    }
    stopReason = reason;
    try {
      server.close();
    } catch (IOException e) {
      // closing is all that is asked of it
    }
  }

  private void awaitRequestsInFlight() {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (inFlight.get() > 0 && System.nanoTime() < deadline) {
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private static java.util.concurrent.ThreadFactory daemonThreads(String name) {
    AtomicInteger count = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, name + "-" + count.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
