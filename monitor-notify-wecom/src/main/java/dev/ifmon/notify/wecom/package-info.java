/**
 * The WeCom (企业微信) group robot notifier: {@link dev.ifmon.notify.wecom.WeComNotifier}, found by
 * {@link java.util.ServiceLoader} under the type {@code wecom} and configured by the {@code wechat:} block,
 * and {@link dev.ifmon.notify.wecom.WeComMarkdown}, the formatter that shows a digest as robot markdown.
 * Types in {@code dev.ifmon.notify.wecom.internal} are not an API.
 */
package dev.ifmon.notify.wecom;
