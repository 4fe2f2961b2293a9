package io.github.mackereltracing.internal;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a package: its parameters, return values and fields are never null unless marked {@code
 * jakarta.annotation.Nullable}. The library's own marker, kept in the class files only: JSR 305's
 * {@code @ParametersAreNonnullByDefault} would add a jar to users' WARs, and {@code jakarta.annotation} (which
 * every server provides) has no package-level default.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.PACKAGE)
public @interface NonNullByDefault {}
