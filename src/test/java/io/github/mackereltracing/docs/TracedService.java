package io.github.mackereltracing.docs;

import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import io.github.mackereltracing.Traced;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Stereotype;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/** docs/annotations.md: {@code @Traced} as part of an application's stereotype. */
@Stereotype @ApplicationScoped @Traced
@Retention(RUNTIME) @Target(TYPE)
public @interface TracedService {}
