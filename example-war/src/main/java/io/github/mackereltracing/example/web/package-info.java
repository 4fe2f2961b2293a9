/** A plain servlet and an endpoint that fails. */
package io.github.mackereltracing.example.web;
