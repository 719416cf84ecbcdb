package io.channelmind.profile.rest;

import java.util.List;

/** One page of profiles in key order; {@code next} is the {@code after} value of the next page, null on the last. */
public record ProfilePage(List<ProfileView> profiles, String next) {
}
