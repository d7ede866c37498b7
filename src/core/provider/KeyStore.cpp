#include "KeyStore.h"

#include "common/Logging.h"
#include "provider/ProviderProfile.h"

#include <qt6keychain/keychain.h>

namespace Consilium {

KeyStore::KeyStore(const QString &service, QObject *parent)
    : QObject(parent)
    , m_service(service)
{
}

// Jobs have no parent and delete themselves when done: a job destroyed
// while its backend call is pending crashes inside QtKeychain. The
// connections use this store as context, so a job that outlives the store
// reports to nobody.
void KeyStore::load(const ProviderProfile &profile)
{
    const QString providerId = profile.id;
    if (!profile.apiKeyVariable.isEmpty()) {
        const QString fromEnvironment = qEnvironmentVariable(qPrintable(profile.apiKeyVariable)).trimmed();
        if (!fromEnvironment.isEmpty()) {
            qCInfo(lcKeys) << "key for" << providerId << "comes from" << profile.apiKeyVariable;
            Q_EMIT keyLoaded(providerId, fromEnvironment, KeySource::Environment);
            return;
        }
    }
    if (m_sessionKeys.contains(providerId)) {
        Q_EMIT keyLoaded(providerId, m_sessionKeys.value(providerId), KeySource::Session);
        return;
    }

    auto *job = new QKeychain::ReadPasswordJob(m_service);
    job->setAutoDelete(true);
    job->setInsecureFallback(false); // never plain text behind the user's back
    job->setKey(providerId);
    connect(job, &QKeychain::Job::finished, this, [this, job, providerId] {
        if (job->error() == QKeychain::NoError) {
            Q_EMIT keyLoaded(providerId, job->textData(), KeySource::Keychain);
        } else if (job->error() == QKeychain::EntryNotFound) {
            Q_EMIT keyLoaded(providerId, QString(), KeySource::None);
        } else {
            reportKeychainError(providerId, job->error(), job->errorString());
            Q_EMIT keyLoaded(providerId, QString(), KeySource::None);
        }
    });
    job->start();
}

void KeyStore::save(const QString &providerId, const QString &key)
{
    auto *job = new QKeychain::WritePasswordJob(m_service);
    job->setAutoDelete(true);
    job->setInsecureFallback(false);
    job->setKey(providerId);
    job->setTextData(key);
    connect(job, &QKeychain::Job::finished, this, [this, job, providerId] {
        if (job->error() == QKeychain::NoError) {
            qCInfo(lcKeys) << "stored the key for" << providerId << "in the keychain";
            Q_EMIT saved(providerId);
        } else {
            reportKeychainError(providerId, job->error(), job->errorString());
        }
    });
    job->start();
}

void KeyStore::remove(const QString &providerId)
{
    m_sessionKeys.remove(providerId);
    auto *job = new QKeychain::DeletePasswordJob(m_service);
    job->setAutoDelete(true);
    job->setInsecureFallback(false);
    job->setKey(providerId);
    connect(job, &QKeychain::Job::finished, this, [this, job, providerId] {
        const bool gone = job->error() == QKeychain::NoError || job->error() == QKeychain::EntryNotFound;
        if (gone)
            Q_EMIT removed(providerId);
        else
            reportKeychainError(providerId, job->error(), job->errorString());
    });
    job->start();
}

void KeyStore::useForSession(const QString &providerId, const QString &key)
{
    m_sessionKeys.insert(providerId, key);
    qCInfo(lcKeys) << "keeping the key for" << providerId << "for this session only";
}

void KeyStore::reportKeychainError(const QString &providerId, int code, const QString &detail)
{
    // The detail comes from the keychain backend and holds no key material.
    qCWarning(lcKeys) << "keychain error for" << providerId << ":" << code << detail;
    // On Linux a missing Secret Service shows up as OtherError with a D-Bus
    // message, so every error other than a denial counts as "no keychain".
    const bool noService = code == QKeychain::NoBackendAvailable || code == QKeychain::NotImplemented
                           || code == QKeychain::OtherError;
    if (noService) {
        m_keychainUnavailable = true;
        Q_EMIT keychainMissing(QStringLiteral(
            "No system keychain is running (%1), so the key cannot be stored. Consilium can use it "
            "until it quits, or you can set the provider's environment variable.").arg(detail));
        Q_EMIT failed(providerId, QStringLiteral("No system keychain is available: %1").arg(detail));
        return;
    }
    if (code == QKeychain::AccessDeniedByUser || code == QKeychain::AccessDenied) {
        Q_EMIT failed(providerId, QStringLiteral("The keychain denied access to the key for %1: %2. Unlock the "
                                                 "keychain or allow Consilium to use it.").arg(providerId, detail));
        return;
    }
    Q_EMIT failed(providerId, QStringLiteral("The keychain failed for %1: %2").arg(providerId, detail));
}

} // namespace Consilium
