/** A plain servlet, an endpoint that fails, and a servlet whose exception an error page handles. */
package io.github.mackereltracing.example.web;
