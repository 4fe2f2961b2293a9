/** Timers: an EJB {@code @Schedule} method, a {@code TimerService} timer and a periodic managed task. */
package io.github.mackereltracing.example.timers;
