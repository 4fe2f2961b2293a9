package io.github.mackereltracing.example.servers;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a heap dump (HPROF, as {@code jcmd <pid> GC.heap_dump} writes it) and tells what keeps a
 * deployment's class loader alive: for each class loader that defined a class whose name starts with a
 * prefix, the shortest chain of references from a GC root to the first object of that deployment (an
 * instance of one of its classes, one of its classes, or the loader itself). The JDK has no such tool any
 * more; this one is small because it needs only references, not sizes.
 *
 * <p>{@code java HeapPaths.java dump.hprof io.github.mackereltracing.} (run from the test sources).
 */
final class HeapPaths {
  private static final int OBJECT = 2;

  private final ByteBuffer heap;
  private final int idSize;
  private final Map<Long, String> strings = new HashMap<>();
  private final Map<Long, String> classNames = new HashMap<>();
  private final Map<Long, ClassInfo> classes = new HashMap<>();
  /** Object id to the position of its record in the file (instances and object arrays). */
  private final Map<Long, Integer> objects = new HashMap<>(1 << 22);
  private final Map<Long, Long> classOf = new HashMap<>(1 << 22);
  /** Byte arrays (String contents) to the position of their length. */
  private final Map<Long, Integer> primitiveArrays = new HashMap<>(1 << 20);
  private final Map<Long, String> roots = new LinkedHashMap<>();
  private final Map<Integer, String> classBySerial = new HashMap<>();
  private final Map<Long, String> frames = new HashMap<>();
  /** Stack trace serial to its frames, top first; thread serial to its stack trace and its Thread object. */
  private final Map<Integer, long[]> traces = new HashMap<>();
  private final Map<Integer, Integer> traceOfThread = new HashMap<>();
  private final Map<Integer, Long> threadObjects = new HashMap<>();
  /** Root object to "thread serial:frame number" for locals of Java frames. */
  private final Map<Long, long[]> frameRoots = new HashMap<>();

  private record Field(String name, int type) {}

  /** What keeps one deployment's class loader: a GC root and the chain of references from it. */
  record Retention(String loader, String root, List<String> chain) {
    List<String> lines() {
      List<String> lines = new ArrayList<>();
      lines.add("loader " + loader + " kept by " + root + ":");
      chain.forEach(step -> lines.add("  " + step));
      return lines;
    }
  }

  private record ClassInfo(long id, long superId, long loaderId, List<Field> fields, Map<String, Long> statics) {}

  private HeapPaths(Path file) throws IOException {
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r"); FileChannel channel = raf.getChannel()) {
      if (channel.size() > Integer.MAX_VALUE) {
        throw new IOException(file + " is over 2 GB");
      }
      heap = channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size());
    }
    while (heap.get() != 0) {
      // "JAVA PROFILE 1.0.2"
    }
    idSize = heap.getInt();
    heap.getLong();
    readRecords();
  }

  private long id() {
    return idSize == 8 ? heap.getLong() : heap.getInt() & 0xffffffffL;
  }

  private int size(int type) {
    return switch (type) {
      case OBJECT -> idSize;
      case 4, 8 -> 1;
      case 5, 9 -> 2;
      case 6, 10 -> 4;
      case 7, 11 -> 8;
      default -> throw new IllegalStateException("type " + type);
    };
  }

  private void readRecords() {
    while (heap.hasRemaining()) {
      int tag = heap.get() & 0xff;
      heap.getInt();
      int length = heap.getInt();
      int end = heap.position() + length;
      switch (tag) {
        case 0x01 -> {
          long id = id();
          byte[] bytes = new byte[length - idSize];
          heap.get(bytes);
          strings.put(id, new String(bytes, StandardCharsets.UTF_8));
        }
        case 0x02 -> {
          int serial = heap.getInt();
          long classId = id();
          heap.getInt();
          String name = strings.get(id()).replace('/', '.');
          classNames.put(classId, name);
          classBySerial.put(serial, name);
        }
        case 0x04 -> {
          long frame = id();
          String method = strings.get(id());
          id();
          id();
          String type = classBySerial.get(heap.getInt());
          int line = heap.getInt();
          frames.put(frame, type + "." + method + (line > 0 ? ":" + line : ""));
        }
        case 0x05 -> {
          int serial = heap.getInt();
          int thread = heap.getInt();
          long[] ids = new long[heap.getInt()];
          for (int i = 0; i < ids.length; i++) {
            ids[i] = id();
          }
          traces.put(serial, ids);
          traceOfThread.put(thread, serial);
        }
        case 0x0C, 0x1C -> readHeap(end);
        default -> { }
      }
      heap.position(end);
    }
  }

  private void readHeap(int end) {
    while (heap.position() < end) {
      int start = heap.position();
      int sub = heap.get() & 0xff;
      switch (sub) {
        case 0xFF -> roots.putIfAbsent(id(), "unknown root");
        case 0x01 -> { roots.putIfAbsent(id(), "JNI global"); id(); }
        case 0x02 -> { roots.putIfAbsent(id(), "JNI local"); heap.getInt(); heap.getInt(); }
        case 0x03 -> {
          long id = id();
          roots.putIfAbsent(id, "local variable of a thread");
          frameRoots.putIfAbsent(id, new long[] {heap.getInt(), heap.getInt()});
        }
        case 0x04 -> { roots.putIfAbsent(id(), "native stack"); heap.getInt(); }
        case 0x05 -> roots.putIfAbsent(id(), "system class");
        case 0x06 -> { roots.putIfAbsent(id(), "thread block"); heap.getInt(); }
        case 0x07 -> roots.putIfAbsent(id(), "monitor");
        case 0x08 -> {
          long id = id();
          roots.putIfAbsent(id, "thread");
          threadObjects.put(heap.getInt(), id);
          heap.getInt();
        }
        case 0x20 -> readClass();
        case 0x21 -> {
          long id = id();
          heap.getInt();
          classOf.put(id, id());
          objects.put(id, start);
          int bytes = heap.getInt();
          heap.position(heap.position() + bytes);
        }
        case 0x22 -> {
          long id = id();
          heap.getInt();
          int count = heap.getInt();
          classOf.put(id, id());
          objects.put(id, start);
          heap.position(heap.position() + count * idSize);
        }
        case 0x23 -> {
          long id = id();
          heap.getInt();
          int countAt = heap.position();
          int count = heap.getInt();
          int type = heap.get();
          if (type == 8) {
            primitiveArrays.put(id, countAt);
          }
          classOf.put(id, -type - 1L);
          heap.position(heap.position() + count * size(type));
        }
        default -> throw new IllegalStateException("heap record " + sub + " at " + start);
      }
    }
  }

  private void readClass() {
    long id = id();
    heap.getInt();
    long superId = id();
    long loaderId = id();
    id();
    id();
    id();
    id();
    heap.getInt();
    int constants = heap.getShort() & 0xffff;
    for (int i = 0; i < constants; i++) {
      heap.getShort();
      int type = heap.get();
      heap.position(heap.position() + size(type));
    }
    Map<String, Long> statics = new LinkedHashMap<>();
    int staticCount = heap.getShort() & 0xffff;
    for (int i = 0; i < staticCount; i++) {
      String name = strings.get(id());
      int type = heap.get();
      if (type == OBJECT) {
        statics.put(name, id());
      } else {
        heap.position(heap.position() + size(type));
      }
    }
    List<Field> fields = new ArrayList<>();
    int fieldCount = heap.getShort() & 0xffff;
    for (int i = 0; i < fieldCount; i++) {
      fields.add(new Field(strings.get(id()), heap.get()));
    }
    classes.put(id, new ClassInfo(id, superId, loaderId, fields, statics));
  }

  /** The references an object holds, each with the name of the field (or index) that holds it. */
  private Map<String, Long> references(long objectId) {
    Map<String, Long> out = new LinkedHashMap<>();
    ClassInfo asClass = classes.get(objectId);
    if (asClass != null) {
      out.put("<class loader>", asClass.loaderId());
      out.put("<super>", asClass.superId());
      asClass.statics().forEach((name, value) -> out.put("static " + name, value));
      return out;
    }
    Integer position = objects.get(objectId);
    if (position == null) {
      return out;
    }
    ByteBuffer b = heap.duplicate();
    b.position(position);
    int sub = b.get() & 0xff;
    b.position(b.position() + idSize + 4);
    if (sub == 0x22) {
      int count = b.getInt();
      b.position(b.position() + idSize);
      for (int i = 0; i < count; i++) {
        long value = idSize == 8 ? b.getLong() : b.getInt() & 0xffffffffL;
        if (value != 0) {
          out.put("[" + i + "]", value);
        }
      }
      return out;
    }
    long classId = idSize == 8 ? b.getLong() : b.getInt() & 0xffffffffL;
    b.getInt();
    out.put("<class>", classId);
    for (ClassInfo c = classes.get(classId); c != null; c = classes.get(c.superId())) {
      // Weak, soft and phantom references do not keep their referent (finalizers ran before the dump).
      boolean reference = "java.lang.ref.Reference".equals(classNames.get(c.id()));
      for (Field field : c.fields()) {
        if (field.type() == OBJECT) {
          long value = idSize == 8 ? b.getLong() : b.getInt() & 0xffffffffL;
          if (value != 0 && !(reference && field.name().equals("referent"))) {
            out.putIfAbsent(field.name(), value);
          }
        } else {
          b.position(b.position() + size(field.type()));
        }
      }
    }
    return out;
  }

  /** The kind of root, and for a local variable its thread and method. */
  private String root(long objectId) {
    long[] frame = frameRoots.get(objectId);
    if (frame == null) {
      return roots.get(objectId);
    }
    int thread = (int) frame[0];
    Integer trace = traceOfThread.get(thread);
    long[] frameIds = trace == null ? null : traces.get(trace);
    String method = frameIds != null && frame[1] >= 0 && frame[1] < frameIds.length ? frames.get(frameIds[(int) frame[1]]) : "?";
    return "local variable in " + method + " of thread " + threadName(threadObjects.get(thread));
  }

  private String threadName(Long thread) {
    if (thread == null) {
      return "?";
    }
    Long name = references(thread).get("name");
    Map<String, Long> string = name == null ? Map.of() : references(name);
    Long value = string.get("value");
    Integer position = value == null ? null : primitiveArrays.get(value);
    if (position == null) {
      return "?";
    }
    ByteBuffer b = heap.duplicate();
    b.position(position);
    byte[] bytes = new byte[b.getInt()];
    b.get();
    b.get(bytes);
    return "'" + new String(bytes, StandardCharsets.ISO_8859_1) + "'";
  }

  private String describe(long objectId) {
    if (classes.containsKey(objectId)) {
      return "class " + classNames.getOrDefault(objectId, "?");
    }
    Long classId = classOf.get(objectId);
    String type = classId == null ? "?" : classId < 0 ? "primitive array" : classNames.getOrDefault(classId, "?");
    return type + "@" + Long.toHexString(objectId);
  }

  /** The loader of the object's class, or of the class itself. */
  private long loaderOf(long objectId) {
    ClassInfo asClass = classes.get(objectId);
    if (asClass != null) {
      return asClass.loaderId();
    }
    Long classId = classOf.get(objectId);
    ClassInfo c = classId == null ? null : classes.get(classId);
    return c == null ? 0 : c.loaderId();
  }

  /**
   * For each class loader that defined a class named {@code classPrefix}* and is still reachable, the
   * shortest chain from a GC root to the first object of that deployment.
   */
  List<Retention> retentionsOf(String classPrefix) {
    Set<Long> loaders = new HashSet<>();
    classNames.forEach((id, name) -> {
      if (name.startsWith(classPrefix) && classes.containsKey(id)) {
        loaders.add(classes.get(id).loaderId());
      }
    });
    // Breadth first from the roots, not going through any object of a deployment: the first one reached of
    // each deployment is where something outside it holds it.
    Map<Long, Long> parent = new HashMap<>();
    Map<Long, String> via = new HashMap<>();
    Map<Long, Long> firstReached = new LinkedHashMap<>();
    ArrayDeque<Long> queue = new ArrayDeque<>();
    for (long root : roots.keySet()) {
      if (parent.putIfAbsent(root, 0L) == null) {
        queue.add(root);
      }
    }
    while (!queue.isEmpty()) {
      long current = queue.poll();
      long loader = loaders.contains(current) ? current : loaderOf(current);
      if (loaders.contains(loader)) {
        firstReached.putIfAbsent(loader, current);
        continue;
      }
      for (Map.Entry<String, Long> ref : references(current).entrySet()) {
        long next = ref.getValue();
        if (next != 0 && parent.putIfAbsent(next, current) == null) {
          via.put(next, ref.getKey());
          queue.add(next);
        }
      }
    }
    List<Retention> retentions = new ArrayList<>();
    for (Map.Entry<Long, Long> e : firstReached.entrySet()) {
      List<String> chain = new ArrayList<>();
      long o = e.getValue();
      for (; parent.get(o) != 0; o = parent.get(o)) {
        chain.add(0, "." + via.get(o) + " -> " + describe(o));
      }
      chain.add(0, describe(o));
      retentions.add(new Retention(describe(e.getKey()), root(o), chain));
    }
    return retentions;
  }

  public static void main(String[] args) throws IOException {
    for (Retention retention : analyse(Paths.get(args[0]), args.length > 1 ? args[1] : "io.github.mackereltracing.")) {
      retention.lines().forEach(System.out::println);
    }
  }

  static List<Retention> analyse(Path dump, String classPrefix) throws IOException {
    return new HeapPaths(dump).retentionsOf(classPrefix);
  }
}
