package dev.tollgate.port.in;

import dev.tollgate.domain.admission.Admission.Denied;
import dev.tollgate.domain.pricing.ServedModel;
import java.util.List;

/** The models a key may call: served, priced, allowed by its tenant and by the key itself. */
public interface ListModels {

  /** Either the key was refused, or the models it may use. */
  sealed interface Answer {}

  record Refused(Denied denial) implements Answer {}

  record Models(List<ServedModel> models) implements Answer {}

  Answer list(String presentedKey);
}
