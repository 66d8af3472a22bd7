package io.lakeml.train;

import dev.ludovic.netlib.blas.BLAS;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Row;

/**
 * Rows of a k-means input stacked as one dense row-major matrix, with each row's squared norm and
 * weight: the unit {@link BlockKMeans} caches and computes on. The distances from every row of a
 * block to every centre are one matrix product (‖x‖² − 2·x·c + ‖c‖²), which BLAS runs several times
 * faster than the row-at-a-time dot products of MLlib's k-means, and the block's sums per centre
 * are read from contiguous memory.
 *
 * <p>A plain serializable class, not a record: blocks are cached, spilled and sent back to the
 * driver by whichever serializer the application configures.
 */
final class PointBlock implements Serializable {
  private static final long serialVersionUID = 1L;

  final int rows;
  final int d;

  /** rows × d values, row-major. */
  final double[] values;

  final double[] norms;

  /** Each row's weight; null when every row weighs 1. */
  final double[] weights;

  private PointBlock(int rows, int d, double[] values, double[] norms, double[] weights) {
    this.rows = rows;
    this.d = d;
    this.values = values;
    this.norms = norms;
    this.weights = weights;
  }

  double weight(int row) {
    return weights == null ? 1.0 : weights[row];
  }

  double[] row(int row) {
    return Arrays.copyOfRange(values, row * d, (row + 1) * d);
  }

  /**
   * A partition's rows (a vector, then a weight when {@code weighted}) as blocks of at most {@code
   * maxBytes} of values (at least one row each); sparse vectors become dense.
   */
  static Iterator<PointBlock> of(Iterator<Row> rows, boolean weighted, long maxBytes) {
    List<PointBlock> out = new ArrayList<>();
    Builder builder = null;
    while (rows.hasNext()) {
      Row r = rows.next();
      double[] x = ((Vector) r.get(0)).toArray();
      if (builder == null) {
        builder = new Builder(x.length, (int) Math.max(1, maxBytes / (8L * x.length)), weighted);
      }
      if (builder.add(x, weighted ? r.getDouble(1) : 1.0)) {
        out.add(builder.build());
      }
    }
    if (builder != null && builder.n > 0) {
      out.add(builder.build());
    }
    return out.iterator();
  }

  /** Fills one block at a time. */
  private static final class Builder {
    private final int d;
    private final int capacity;
    private final boolean weighted;
    private double[] values;
    private double[] norms;
    private double[] weights;
    private int n;

    Builder(int d, int capacity, boolean weighted) {
      this.d = d;
      this.capacity = capacity;
      this.weighted = weighted;
      reset();
    }

    private void reset() {
      values = new double[capacity * d];
      norms = new double[capacity];
      weights = weighted ? new double[capacity] : null;
      n = 0;
    }

    /** Adds a row; whether the block is full. */
    boolean add(double[] x, double weight) {
      if (x.length != d) {
        throw new IllegalArgumentException(
            "k-means needs feature vectors of one size: got "
                + x.length
                + " values after "
                + d
                + "; check the feature stages");
      }
      System.arraycopy(x, 0, values, n * d, d);
      norms[n] = dot(x, 0, x, 0, d);
      if (weighted) {
        weights[n] = weight;
      }
      n++;
      return n == capacity;
    }

    PointBlock build() {
      PointBlock b =
          n == capacity
              ? new PointBlock(n, d, values, norms, weights)
              : new PointBlock(
                  n,
                  d,
                  Arrays.copyOf(values, n * d),
                  Arrays.copyOf(norms, n),
                  weights == null ? null : Arrays.copyOf(weights, n));
      reset();
      return b;
    }
  }

  /**
   * Squared distances from every row to every centre ({@code centres} k × d, row-major), as a rows
   * × k row-major matrix, never below 0 (the expanded form can round a little under it).
   */
  double[] distances(double[] centres, int k) {
    double[] centreNorms = new double[k];
    for (int j = 0; j < k; j++) {
      centreNorms[j] = dot(centres, j * d, centres, j * d, d);
    }
    // Column-major k × rows = C (k × d) · Xᵀ; X row-major is Xᵀ column-major (d × rows).
    double[] out = new double[k * rows];
    BLAS.getInstance().dgemm("T", "N", k, rows, d, 1.0, centres, d, values, d, 0.0, out, k);
    for (int r = 0; r < rows; r++) {
      for (int j = 0; j < k; j++) {
        int at = r * k + j;
        out[at] = Math.max(norms[r] - 2 * out[at] + centreNorms[j], 0.0);
      }
    }
    return out;
  }

  /** Each row's weighted squared distance to its nearest centre. */
  double[] costs(double[] centres, int k) {
    double[] distances = distances(centres, k);
    double[] out = new double[rows];
    for (int r = 0; r < rows; r++) {
      out[r] = weight(r) * distances[r * k + nearest(distances, r, k)];
    }
    return out;
  }

  /** The index of row {@code r}'s nearest centre in a rows × k distance matrix. */
  static int nearest(double[] distances, int r, int k) {
    int best = 0;
    for (int j = 1; j < k; j++) {
      if (distances[r * k + j] < distances[r * k + best]) {
        best = j;
      }
    }
    return best;
  }

  /** One Lloyd pass over the block: weighted sums, weights and cost per nearest centre. */
  CentreSums assign(double[] centres, int k) {
    double[] distances = distances(centres, k);
    CentreSums out = new CentreSums(k, d);
    for (int r = 0; r < rows; r++) {
      int best = nearest(distances, r, k);
      double w = weight(r);
      out.counts[best] += w;
      out.cost += w * distances[r * k + best];
      int from = r * d;
      int to = best * d;
      for (int f = 0; f < d; f++) {
        out.sums[to + f] += w * values[from + f];
      }
    }
    return out;
  }

  static double dot(double[] a, int aFrom, double[] b, int bFrom, int n) {
    double s = 0;
    for (int i = 0; i < n; i++) {
      s += a[aFrom + i] * b[bFrom + i];
    }
    return s;
  }

  /** Sums of the rows nearest each centre (k × d), their total weights and their cost. */
  static final class CentreSums implements Serializable {
    private static final long serialVersionUID = 1L;

    final double[] sums;
    final double[] counts;
    double cost;

    CentreSums(int k, int d) {
      this.sums = new double[k * d];
      this.counts = new double[k];
    }

    /** Adds another block's sums into these (both from the same centres). */
    CentreSums plus(CentreSums other) {
      for (int i = 0; i < sums.length; i++) {
        sums[i] += other.sums[i];
      }
      for (int j = 0; j < counts.length; j++) {
        counts[j] += other.counts[j];
      }
      cost += other.cost;
      return this;
    }
  }
}
