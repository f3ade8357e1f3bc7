package dev.tollgate.port.in.admin;

import dev.tollgate.domain.admission.Admission.Denied;

/** A key reads its own status with itself: nothing else, and nothing of anyone else's. */
public interface ReadKeyStatus {

  sealed interface Answer {}

  record Status(KeyStatus status) implements Answer {}

  record Refused(Denied denial) implements Answer {}

  Answer status(String presentedKey);
}
