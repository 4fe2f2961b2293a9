package io.github.mackereltracing.internal.jdbc;

import jakarta.annotation.Nullable;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A cache of at most 2 x {@code generationSize} entries that keeps what is used: new entries go into the
 * young generation; when it is full it becomes the old one and the previous old one is dropped; a hit in
 * the old generation moves the entry back into the young one. Reads take no lock.
 */
final class BoundedCache<K, V> {
  private final int generationSize;
  private final Object lock = new Object();
  private volatile ConcurrentHashMap<K, V> young = new ConcurrentHashMap<>();
  private volatile ConcurrentHashMap<K, V> old = new ConcurrentHashMap<>();

  BoundedCache(int generationSize) {
    this.generationSize = generationSize;
  }

  /** The cached value, or null. */
  @Nullable
  V get(K key) {
    V value = young.get(key);
    if (value == null) {
      value = old.get(key);
      if (value != null) {
        put(key, value);
      }
    }
    return value;
  }

  void put(K key, V value) {
    ConcurrentHashMap<K, V> y = young;
    y.put(key, value);
    if (y.size() >= generationSize) {
      synchronized (lock) {
        if (young == y) {
          old = y;
          young = new ConcurrentHashMap<>();
        }
      }
    }
  }

  /** Entries held now (both generations), for tests. */
  int size() {
    return young.size() + old.size();
  }
}
