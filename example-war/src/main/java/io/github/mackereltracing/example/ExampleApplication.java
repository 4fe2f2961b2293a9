package io.github.mackereltracing.example;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The example's REST resources live under {@code /api}; every resource class in the WAR is picked up. */
@ApplicationPath("/api")
public class ExampleApplication extends Application {}
