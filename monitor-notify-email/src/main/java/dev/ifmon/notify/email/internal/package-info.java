/** The email notifier's workings: config reading, rendering, composing and sending. Not an API. */
package dev.ifmon.notify.email.internal;
