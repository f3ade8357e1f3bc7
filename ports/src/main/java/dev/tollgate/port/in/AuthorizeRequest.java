package dev.tollgate.port.in;

import dev.tollgate.domain.admission.Admission;

/** May this request go ahead? Checks the key, limits and budgets, and holds what it may cost. */
public interface AuthorizeRequest {

  Admission authorize(AuthorizeCommand command);
}
