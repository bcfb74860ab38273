/**
 * The email notifier: sends each round's digest by SMTP as a UTF-8 {@code multipart/alternative} mail.
 * The public entry point is {@link dev.ifmon.notify.email.EmailNotifier}; everything under
 * {@code internal} may change without notice.
 */
package dev.ifmon.notify.email;
