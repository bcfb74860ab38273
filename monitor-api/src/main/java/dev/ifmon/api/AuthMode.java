package dev.ifmon.api;

/** Whether an endpoint's requests carry its service's credentials. */
public enum AuthMode {
    /** Use the service's authenticator, if it has one. The default. */
    INHERIT,
    /** Send the request without credentials, e.g. for a public health endpoint. */
    NONE
}
