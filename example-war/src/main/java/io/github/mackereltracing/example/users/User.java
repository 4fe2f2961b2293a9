package io.github.mackereltracing.example.users;

/** A user as stored in the {@code users} table and as the REST API returns it (JSON). */
public record User(long id, String name, String email) {}
