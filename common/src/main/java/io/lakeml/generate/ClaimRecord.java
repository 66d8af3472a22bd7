package io.lakeml.generate;

import java.time.LocalDate;
import java.util.SplittableRandom;

/**
 * One synthetic insurance claim, a pure function of (seed, row number): the same inputs give the
 * same claim on any executor, in any partition, in any run.
 *
 * <p>The planted fraud signal (documented in {@code data-samples/README.md}): the log-odds of fraud
 * rise with no police report (strongly) or an unknown one, with the size of the claim, with a
 * 500/1000 combined single limit, with a customer of under three years, with a luxury make and with
 * Ohio; everything else (age, zip, deductible, umbrella limit, auto year) is noise.
 */
final class ClaimRecord {
  static final String[] STATES = {"OH", "IL", "IN"};
  static final String[] CSL = {"100/300", "250/500", "500/1000"};
  static final int[] DEDUCTIBLES = {500, 1000, 2000};
  static final String[] MAKES = {
    "Saab",
    "Dodge",
    "Suburu",
    "Nissan",
    "Chevrolet",
    "Ford",
    "BMW",
    "Toyota",
    "Audi",
    "Accura",
    "Volkswagen",
    "Jeep",
    "Mercedes",
    "Honda"
  };
  static final String[][] MODELS = {
    {"92x", "93", "95"},
    {"RAM", "Neon"},
    {"Impreza", "Legacy", "Forrestor"},
    {"Pathfinder", "Maxima", "Ultima"},
    {"Tahoe", "Silverado", "Malibu"},
    {"F150", "Fusion", "Escape"},
    {"X5", "X6", "3 Series", "M5"},
    {"Camry", "Corolla", "Highlander"},
    {"A3", "A5"},
    {"RSX", "MDX", "TL"},
    {"Passat", "Jetta"},
    {"Wrangler", "Grand Cherokee"},
    {"E400", "C300", "ML350"},
    {"Civic", "Accord", "CRV"}
  };

  /** Calibrated so that about one claim in five is fraudulent. */
  static final double INTERCEPT = -3.1;

  private static final long BIND_START = LocalDate.of(1990, 1, 1).toEpochDay();
  private static final int BIND_DAYS =
      (int) (LocalDate.of(2015, 12, 31).toEpochDay() - BIND_START + 1);

  final int monthsAsCustomer;
  final int age;
  final long policyNumber;
  final String policyBindDate;
  final String policyState;
  final String policyCsl;
  final int policyDeductable;
  final double policyAnnualPremium;
  final long umbrellaLimit;
  final int insuredZip;
  final String policeReportAvailable;
  final long injuryClaim;
  final long propertyClaim;
  final long vehicleClaim;
  String autoMake;
  String autoModel;
  final int autoYear;
  final boolean fraud;

  /** About 3 % of umbrella limits are unknown ('?'), as in the source data. */
  final boolean umbrellaUnknown;

  private ClaimRecord(long seed, long row, Shift shift) {
    SplittableRandom r = new SplittableRandom(mix(seed, row));
    monthsAsCustomer = r.nextInt(480);
    // A customer of m months is at least 19 and has held the policy since adulthood.
    int minAge = Math.max(19, 16 + monthsAsCustomer / 12);
    age = Math.min(64, minAge + r.nextInt(Math.max(1, 65 - minAge)));
    policyNumber = 100_000L + row;
    policyBindDate = LocalDate.ofEpochDay(BIND_START + r.nextInt(BIND_DAYS)).toString();
    policyState = STATES[r.nextInt(STATES.length)];
    policyCsl = CSL[r.nextInt(CSL.length)];
    policyDeductable = DEDUCTIBLES[r.nextInt(DEDUCTIBLES.length)];
    policyAnnualPremium = Math.round((1256.0 + 244.0 * gaussian(r)) * 100.0) / 100.0;
    umbrellaLimit = r.nextDouble() < 0.8 ? 0L : (2 + r.nextInt(9)) * 1_000_000L;
    insuredZip = 430_000 + r.nextInt(190_000);
    double u = r.nextDouble();
    // Known reports split evenly between YES and NO; the rest are unknown.
    double known = 1.0 - shift.unknownPoliceReport();
    policeReportAvailable = u < known / 2 ? "YES" : u < known ? "NO" : "?";
    double severity = gaussian(r);
    double scale = Math.exp(0.5 * severity);
    double inflation = shift.claimScale();
    injuryClaim = roundTo(6_000 * inflation * scale * (0.3 + 1.4 * r.nextDouble()), 10);
    propertyClaim = roundTo(6_000 * inflation * scale * (0.3 + 1.4 * r.nextDouble()), 10);
    vehicleClaim = roundTo(40_000 * inflation * scale * (0.5 + r.nextDouble()), 10);
    int make = r.nextInt(MAKES.length);
    autoMake = MAKES[make];
    autoModel = MODELS[make][r.nextInt(MODELS[make].length)];
    autoYear = 1995 + r.nextInt(21);
    double logit =
        INTERCEPT
            + ("NO".equals(policeReportAvailable) ? 1.6 : 0.0)
            + ("?".equals(policeReportAvailable) ? 0.8 : 0.0)
            + 0.9 * severity
            + ("500/1000".equals(policyCsl) ? 0.7 : 0.0)
            + (monthsAsCustomer < 36 ? 0.9 : 0.0)
            + (isLuxury(autoMake) ? 0.6 : 0.0)
            + ("OH".equals(policyState) ? 0.4 : 0.0);
    fraud = r.nextDouble() < 1.0 / (1.0 + Math.exp(-logit));
    // Drawn last, so adding it left every other value of a seed unchanged.
    umbrellaUnknown = r.nextDouble() < 0.03;
    // Drawn only under a shift, after everything else, for the same reason.
    if (shift.newMakeShare() > 0 && r.nextDouble() < shift.newMakeShare()) {
      autoMake = Shift.NEW_MAKE;
      autoModel = Shift.NEW_MODEL;
    }
  }

  static ClaimRecord of(long seed, long row) {
    return new ClaimRecord(seed, row, Shift.NONE);
  }

  static ClaimRecord of(long seed, long row, Shift shift) {
    return new ClaimRecord(seed, row, shift);
  }

  long totalClaimAmount() {
    return injuryClaim + propertyClaim + vehicleClaim;
  }

  /** The claim as raw text fields, in {@link FraudClaimsGenerator#COLUMNS} order. */
  String[] fields() {
    return new String[] {
      Integer.toString(monthsAsCustomer),
      Integer.toString(age),
      Long.toString(policyNumber),
      policyBindDate,
      policyState,
      policyCsl,
      Integer.toString(policyDeductable),
      Double.toString(policyAnnualPremium),
      umbrellaUnknown ? "?" : Long.toString(umbrellaLimit),
      Integer.toString(insuredZip),
      policeReportAvailable,
      Long.toString(totalClaimAmount()),
      Long.toString(injuryClaim),
      Long.toString(propertyClaim),
      Long.toString(vehicleClaim),
      autoMake,
      autoModel,
      Integer.toString(autoYear),
      fraud ? "Y" : "N"
    };
  }

  static boolean isLuxury(String make) {
    return "BMW".equals(make) || "Mercedes".equals(make) || "Audi".equals(make);
  }

  private static long roundTo(double value, int step) {
    return Math.round(value / step) * step;
  }

  private static double gaussian(SplittableRandom r) {
    // Box-Muller; SplittableRandom has no nextGaussian on Java 17.
    double u1 = 1.0 - r.nextDouble();
    double u2 = r.nextDouble();
    return Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2.0 * Math.PI * u2);
  }

  /** A 64-bit mix of seed and row (SplitMix64's finalizer), so neighbouring rows are unrelated. */
  static long mix(long seed, long row) {
    long z = seed * 0x9E3779B97F4A7C15L + row;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
