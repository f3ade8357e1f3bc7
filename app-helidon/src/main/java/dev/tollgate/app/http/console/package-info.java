/**
 * The web console at {@code /ui}: its static assets (built from {@code console/} by the Maven
 * build, served with a strict Content-Security-Policy) and its sessions, a cookie that stands for
 * the master key or tenant admin key that signed in and is let through the admin API's own door
 * ({@code http.admin.SessionDoor}). The console calls only {@code /admin/v1}.
 */
package dev.tollgate.app.http.console;
