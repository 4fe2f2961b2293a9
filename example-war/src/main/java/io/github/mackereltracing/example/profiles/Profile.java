package io.github.mackereltracing.example.profiles;

import io.github.mackereltracing.example.users.User;

/** A user's profile page: the user, fetched over HTTP from the users API, and a greeting. */
public record Profile(User user, String greeting, String fetchedFrom) {}
