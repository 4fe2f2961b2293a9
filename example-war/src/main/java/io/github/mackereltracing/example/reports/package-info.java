/** Reports: an asynchronous endpoint whose work runs on the server's managed executor. */
package io.github.mackereltracing.example.reports;
