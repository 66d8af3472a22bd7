package io.lakeml.train;

import java.util.Random;

/**
 * Weighted k-means++ on the driver, then Lloyd's iterations on the same weighted points: the last
 * step of k-means|| initialisation, which reduces its few dozen candidates to k centres, as Spark's
 * own {@code LocalKMeans} does (the candidates weighted by how many rows lie nearest each).
 */
final class KMeansPlusPlus {
  private KMeansPlusPlus() {}

  /** k centres from weighted {@code points} (at least k of them). */
  static double[][] centres(double[][] points, double[] weights, int k, int iterations, long seed) {
    Random random = new Random(seed);
    double[][] centres = seed(points, weights, k, random);
    int[] nearest = new int[points.length];
    java.util.Arrays.fill(nearest, -1);
    boolean moved = true;
    for (int it = 0; it < iterations && moved; it++) {
      moved = lloydStep(points, weights, centres, nearest, random);
    }
    return centres;
  }

  /** k-means++ seeding: each next centre drawn with probability ∝ weight × squared distance. */
  private static double[][] seed(double[][] points, double[] weights, int k, Random random) {
    double[][] centres = new double[k][];
    centres[0] = points[pick(weights, null, random)].clone();
    double[] cost = new double[points.length];
    for (int p = 0; p < points.length; p++) {
      cost[p] = squaredDistance(points[p], centres[0]);
    }
    for (int i = 1; i < k; i++) {
      centres[i] = points[pick(weights, cost, random)].clone();
      for (int p = 0; p < points.length; p++) {
        cost[p] = Math.min(cost[p], squaredDistance(points[p], centres[i]));
      }
    }
    return centres;
  }

  /** An index drawn with probability ∝ weight (× cost, when given). */
  private static int pick(double[] weights, double[] cost, Random random) {
    double total = 0;
    for (int p = 0; p < weights.length; p++) {
      total += weights[p] * (cost == null ? 1 : cost[p]);
    }
    double r = random.nextDouble() * total;
    double cumulative = 0;
    int p = 0;
    while (p < weights.length && cumulative < r) {
      cumulative += weights[p] * (cost == null ? 1 : cost[p]);
      p++;
    }
    return Math.max(p - 1, 0);
  }

  /** One weighted Lloyd step in place; whether any point changed centre. */
  private static boolean lloydStep(
      double[][] points, double[] weights, double[][] centres, int[] nearest, Random random) {
    int k = centres.length;
    int d = points[0].length;
    double[][] sums = new double[k][d];
    double[] counts = new double[k];
    boolean moved = false;
    for (int p = 0; p < points.length; p++) {
      int best = nearest(centres, points[p]);
      for (int f = 0; f < d; f++) {
        sums[best][f] += weights[p] * points[p][f];
      }
      counts[best] += weights[p];
      moved |= best != nearest[p];
      nearest[p] = best;
    }
    for (int j = 0; j < k; j++) {
      if (counts[j] == 0) {
        // An empty centre restarts at a random candidate, as in Spark's LocalKMeans.
        centres[j] = points[random.nextInt(points.length)].clone();
      } else {
        for (int f = 0; f < d; f++) {
          centres[j][f] = sums[j][f] / counts[j];
        }
      }
    }
    return moved;
  }

  static int nearest(double[][] centres, double[] point) {
    int best = 0;
    double bestDistance = Double.POSITIVE_INFINITY;
    for (int j = 0; j < centres.length; j++) {
      double distance = squaredDistance(point, centres[j]);
      if (distance < bestDistance) {
        bestDistance = distance;
        best = j;
      }
    }
    return best;
  }

  static double squaredDistance(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      double diff = a[i] - b[i];
      s += diff * diff;
    }
    return s;
  }
}
