import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Read bandwidth of this machine's memory with one reader per core: each thread sums its own
 * 512 MB array of doubles (far beyond any cache); the best of five rounds counts. This is the floor
 * for an iteration of an algorithm that reads its cached rows once: cached bytes / bandwidth.
 */
public final class MemoryBandwidth {
  public static void main(String[] args) throws Exception {
    int threads = Runtime.getRuntime().availableProcessors();
    int length = 64 << 20;
    double[][] arrays = new double[threads][length];
    for (double[] a : arrays) {
      for (int i = 0; i < length; i++) {
        a[i] = i & 7;
      }
    }
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    double best = Double.MAX_VALUE;
    double checksum = 0;
    for (int round = 0; round < 5; round++) {
      long start = System.nanoTime();
      Future<?>[] sums = new Future<?>[threads];
      for (int t = 0; t < threads; t++) {
        double[] a = arrays[t];
        sums[t] = pool.submit(() -> sum(a));
      }
      for (Future<?> f : sums) {
        checksum += (Double) f.get();
      }
      best = Math.min(best, (System.nanoTime() - start) / 1e9);
    }
    pool.shutdown();
    double bytes = (double) threads * length * 8;
    System.out.printf(Locale.ROOT, "BANDWIDTH threads=%d gb_per_s=%.2f checksum=%.0f%n", threads, bytes / best / 1e9, checksum);
  }

  static double sum(double[] a) {
    // Four accumulators so the adds do not wait on each other; memory, not latency, is measured.
    double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    for (int i = 0; i < a.length; i += 4) {
      s0 += a[i];
      s1 += a[i + 1];
      s2 += a[i + 2];
      s3 += a[i + 3];
    }
    return s0 + s1 + s2 + s3;
  }
}
