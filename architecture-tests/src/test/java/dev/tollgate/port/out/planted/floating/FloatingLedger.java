package dev.tollgate.port.out.planted.floating;

import java.util.List;

/** Planted: an outbound port totalling spend as doubles, hidden in a type argument (NO_FLOATING_POINT_IN_CORE). */
public interface FloatingLedger {

  List<Double> totals();

  void record(Double[] amounts);
}
