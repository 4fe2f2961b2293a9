/** Users: REST resource, service and JDBC repository on the embedded database. */
package io.github.mackereltracing.example.users;
