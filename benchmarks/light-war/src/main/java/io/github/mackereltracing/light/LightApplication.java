package io.github.mackereltracing.light;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The endpoint lives under {@code /api}. */
@ApplicationPath("/api")
public class LightApplication extends Application {}
