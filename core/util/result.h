// SPDX-License-Identifier: GPL-3.0-or-later
// Result<T>: a value or an Error a user can act on.
#pragma once

#include <QString>

#include <optional>
#include <utility>
#include <variant>

namespace drydock {

// What went wrong, in classes the UI and the exit codes care about.
enum class ErrorKind {
    BadInput,    // a file, field or value the user gave is wrong (exit 2)
    Unreachable, // engine, registry or notary cannot be reached (exit 3)
    Refused,     // reached, but it said no: HTTP 4xx/5xx, permission denied (exit 3)
    Timeout,     // a deadline passed (exit 3)
    Cancelled,   // the user cancelled
    Protocol,    // malformed, truncated or oversized answer
    Untrusted,   // content-trust verification failed (exit 1)
    Io,          // local disk
    Internal,
};

struct Error
{
    ErrorKind kind = ErrorKind::Internal;
    QString message; // what happened, one sentence
    QString hint;    // how to fix it, may be empty
    int httpStatus = 0;

    QString text() const
    {
        return hint.isEmpty() ? message : message + QLatin1String(" — ") + hint;
    }
};

inline Error makeError(ErrorKind kind, QString message, QString hint = {})
{
    return Error{kind, std::move(message), std::move(hint), 0};
}

template<class T>
class [[nodiscard]] Result
{
public:
    Result(T value) : m_data(std::move(value)) {}
    Result(Error error) : m_data(std::move(error)) {}

    bool ok() const { return std::holds_alternative<T>(m_data); }
    explicit operator bool() const { return ok(); }

    const T &value() const & { return std::get<T>(m_data); }
    T &value() & { return std::get<T>(m_data); }
    T &&value() && { return std::get<T>(std::move(m_data)); }
    const T &operator*() const & { return value(); }
    T &operator*() & { return value(); }
    const T *operator->() const { return &value(); }
    T *operator->() { return &value(); }

    const Error &error() const { return std::get<Error>(m_data); }

private:
    std::variant<T, Error> m_data;
};

template<>
class [[nodiscard]] Result<void>
{
public:
    Result() = default;
    Result(Error error) : m_error(std::move(error)) {}

    bool ok() const { return !m_error.has_value(); }
    explicit operator bool() const { return ok(); }
    const Error &error() const { return *m_error; }

private:
    std::optional<Error> m_error;
};

} // namespace drydock
