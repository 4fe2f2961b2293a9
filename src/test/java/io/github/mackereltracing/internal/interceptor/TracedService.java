package io.github.mackereltracing.internal.interceptor;

import io.github.mackereltracing.Traced;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Stereotype;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** An application's stereotype that brings a scope and tracing. */
@Stereotype
@ApplicationScoped
@Traced
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface TracedService {}
