package dev.tollgate.wire.planted;

import dev.tollgate.app.planted.PlantedMain;
import dev.tollgate.dataplane.http.HttpTransport;
import dev.tollgate.service.Tollgate;

/** Planted: wire-format code that names the kit, a service and the app (WIRE_FORMATS_ARE_SHARED_ADAPTER_CODE). */
public final class FormatThatNamesTheKitAndAService {

  public String names() {
    return HttpTransport.class.getName() + " " + Tollgate.class.getName() + " "
        + PlantedMain.class.getName();
  }
}
