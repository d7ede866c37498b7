#pragma once

#include <QString>

#include <optional>
#include <utility>
#include <variant>

namespace Consilium {

// A value or a user-facing error message. Fallible core functions return
// this instead of throwing, so callers must look at the outcome.
template <typename T>
class [[nodiscard]] Result
{
public:
    Result(T value) : m_state(std::move(value)) {}

    static Result failure(QString message) { return Result(ErrorTag{std::move(message)}); }

    bool ok() const { return std::holds_alternative<T>(m_state); }
    explicit operator bool() const { return ok(); }

    const T &value() const & { return std::get<T>(m_state); }
    T &&value() && { return std::get<T>(std::move(m_state)); }
    const T *operator->() const { return &std::get<T>(m_state); }
    const T &operator*() const & { return value(); }

    QString error() const { return ok() ? QString() : std::get<ErrorTag>(m_state).message; }

private:
    struct ErrorTag
    {
        QString message;
    };
    explicit Result(ErrorTag error) : m_state(std::move(error)) {}

    std::variant<T, ErrorTag> m_state;
};

} // namespace Consilium
