/** Profiles: a resource that calls the users API over HTTP (an outbound REST call). */
package io.github.mackereltracing.example.profiles;
