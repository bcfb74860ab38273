/** Implementation of the WeCom notifier: settings, escaping, pacing and the robot client. Not an API. */
package dev.ifmon.notify.wecom.internal;
