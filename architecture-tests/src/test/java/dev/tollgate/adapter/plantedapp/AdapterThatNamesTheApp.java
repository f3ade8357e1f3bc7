package dev.tollgate.adapter.plantedapp;

import dev.tollgate.app.planted.PlantedMain;

/** Planted: an adapter that reads from the app (ADAPTERS_DO_NOT_DEPEND_ON_APP). */
public final class AdapterThatNamesTheApp {

  public String appName() {
    return PlantedMain.name();
  }
}
