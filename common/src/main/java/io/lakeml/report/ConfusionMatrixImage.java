package io.lakeml.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A confusion matrix drawn cell by cell: right answers (the diagonal) in green, wrong ones in red,
 * each the deeper the larger its share of the actual class, an empty wrong cell near white; every
 * cell reads its count and that share. Drawn directly with Java 2D because a heat map colours by
 * value alone, and cannot tell a right answer from a wrong one.
 */
final class ConfusionMatrixImage {
  static final Color RIGHT_LIGHT = new Color(0xd9f0d3);
  static final Color RIGHT_DARK = new Color(0x1b7837);
  static final Color WRONG_LIGHT = new Color(0xfddbc7);
  static final Color WRONG_DARK = new Color(0xb2182b);
  static final Color NONE = new Color(0xf7f7f7);

  private static final int LEFT = 110;
  private static final int TOP = 48;
  private static final int RIGHT = 24;
  private static final int BOTTOM = 84;

  private ConfusionMatrixImage() {}

  /** The side of the square image for {@code n} classes. */
  static int side(int n) {
    return Math.min(720, Math.max(Charts.SQUARE, 56 * n + LEFT + RIGHT));
  }

  /** The size of one cell for {@code n} classes. */
  static int cell(int n) {
    return (side(n) - LEFT - RIGHT) / n;
  }

  /** The centre of the cell of actual class {@code a} and predicted class {@code p}. */
  static int[] centre(int n, int a, int p) {
    int c = cell(n);
    return new int[] {LEFT + p * c + c / 2, TOP + a * c + c / 2};
  }

  static BufferedImage draw(String title, List<String> labels, long[][] counts) {
    int n = labels.size();
    int side = side(n);
    BufferedImage image = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(
        RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, side, side);
    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
    centred(g, title, side / 2, 26);
    cells(g, n, counts);
    classLabels(g, labels);
    g.dispose();
    return image;
  }

  private static void cells(Graphics2D g, int n, long[][] counts) {
    int c = cell(n);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, Math.max(9, Math.min(15, c / 6))));
    for (int a = 0; a < n; a++) {
      long total = Arrays.stream(counts[a]).sum();
      for (int p = 0; p < n; p++) {
        double share = total == 0 ? 0.0 : (double) counts[a][p] / total;
        Color fill = colour(a == p, counts[a][p], share);
        g.setColor(fill);
        g.fillRect(LEFT + p * c, TOP + a * c, c, c);
        g.setColor(Color.WHITE);
        g.setStroke(new BasicStroke(2f));
        g.drawRect(LEFT + p * c, TOP + a * c, c, c);
        g.setColor(luminance(fill) < 0.5 ? Color.WHITE : Color.BLACK);
        int[] at = centre(n, a, p);
        boolean roomForShare = c >= 72;
        centred(g, Long.toString(counts[a][p]), at[0], at[1] + (roomForShare ? -2 : 5));
        if (roomForShare) {
          centred(g, String.format(Locale.ROOT, "%.0f%%", 100 * share), at[0], at[1] + 16);
        }
      }
    }
  }

  /**
   * Green for a right answer, red for a wrong one, deeper with the share; an empty miss is grey.
   */
  static Color colour(boolean right, long count, double share) {
    if (!right && count == 0) {
      return NONE;
    }
    return right ? mix(RIGHT_LIGHT, RIGHT_DARK, share) : mix(WRONG_LIGHT, WRONG_DARK, share);
  }

  private static void classLabels(Graphics2D g, List<String> labels) {
    int n = labels.size();
    int c = cell(n);
    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    FontMetrics fm = g.getFontMetrics();
    int widest = labels.stream().mapToInt(fm::stringWidth).max().orElse(0);
    boolean turn = widest > c - 6;
    for (int i = 0; i < n; i++) {
      String label = labels.get(i);
      int x = LEFT + i * c + c / 2;
      int y = TOP + i * c + c / 2 + fm.getAscent() / 2 - 1;
      g.drawString(label, LEFT - 8 - fm.stringWidth(label), y);
      if (turn) {
        AffineTransform saved = g.getTransform();
        g.translate(x, TOP + n * c + 8);
        g.rotate(Math.toRadians(45));
        g.drawString(label, 0, fm.getAscent() / 2);
        g.setTransform(saved);
      } else {
        centred(g, label, x, TOP + n * c + 8 + fm.getAscent());
      }
    }
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 12));
    centred(g, "predicted", LEFT + n * c / 2, TOP + n * c + BOTTOM - 14);
    AffineTransform saved = g.getTransform();
    g.translate(18, TOP + n * c / 2);
    g.rotate(-Math.PI / 2);
    centred(g, "actual", 0, 0);
    g.setTransform(saved);
  }

  private static void centred(Graphics2D g, String text, int x, int y) {
    g.drawString(text, x - g.getFontMetrics().stringWidth(text) / 2, y);
  }

  private static Color mix(Color light, Color dark, double share) {
    double t = Math.max(0.0, Math.min(1.0, share));
    return new Color(
        (int) Math.round(light.getRed() + t * (dark.getRed() - light.getRed())),
        (int) Math.round(light.getGreen() + t * (dark.getGreen() - light.getGreen())),
        (int) Math.round(light.getBlue() + t * (dark.getBlue() - light.getBlue())));
  }

  private static double luminance(Color c) {
    return (0.299 * c.getRed() + 0.587 * c.getGreen() + 0.114 * c.getBlue()) / 255.0;
  }
}
