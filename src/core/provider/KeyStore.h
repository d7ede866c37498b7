#pragma once

#include <QHash>
#include <QObject>
#include <QString>

namespace Consilium {

struct ProviderProfile;

// The origin of an API key.
enum class KeySource { None, Environment, Keychain, Session };

// API keys, one per provider, stored in the system keychain through
// QtKeychain. The provider's environment variable overrides a stored key.
// When no keychain service runs, a key can be kept for this session only.
// Keys are never written anywhere else and never logged.
class KeyStore : public QObject
{
    Q_OBJECT

public:
    explicit KeyStore(const QString &service = QStringLiteral("Consilium"), QObject *parent = nullptr);

    // Looks the key up: environment, then session, then keychain. Answers
    // through keyLoaded(), possibly before this returns.
    void load(const ProviderProfile &profile);
    // Saves the key in the keychain; reports saved() or failed().
    void save(const QString &providerId, const QString &key);
    // Deletes the key from the keychain and the session.
    void remove(const QString &providerId);
    // Keeps the key in memory until the app quits, for when no keychain runs.
    void useForSession(const QString &providerId, const QString &key);

    bool keychainUnavailable() const { return m_keychainUnavailable; }

Q_SIGNALS:
    void keyLoaded(const QString &providerId, const QString &key, Consilium::KeySource source);
    void saved(const QString &providerId);
    void removed(const QString &providerId);
    // `message` says what failed and what the user can do.
    void failed(const QString &providerId, const QString &message);
    // No keychain service answered; keys can only be kept for the session.
    void keychainMissing(const QString &message);

private:
    void reportKeychainError(const QString &providerId, int code, const QString &detail);

    QString m_service;
    QHash<QString, QString> m_sessionKeys;
    bool m_keychainUnavailable = false;
};

} // namespace Consilium
