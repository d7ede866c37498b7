#include "PresetStore.h"

#include "common/Logging.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QSaveFile>
#include <QStandardPaths>

#include <algorithm>

namespace Consilium {

namespace {

// Names of the built-ins already copied, one per line. A built-in listed
// here is never copied again, even after the user deleted its file.
const QString kInstalledList = QStringLiteral(".builtins-installed");

StoreStatus writeAtomically(const QString &path, const QByteArray &contents)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return StoreStatus::failure(QStringLiteral("cannot write %1: %2").arg(path, file.errorString()));
    if (file.write(contents) != contents.size() || !file.commit())
        return StoreStatus::failure(QStringLiteral("cannot write %1: %2").arg(path, file.errorString()));
    return std::monostate{};
}

Result<QByteArray> readFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Result<QByteArray>::failure(QStringLiteral("cannot read %1: %2").arg(path, file.errorString()));
    return file.readAll();
}

} // namespace

PresetStore::PresetStore(QString directory) : m_directory(std::move(directory))
{
}

QString PresetStore::defaultDirectory()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation) + QStringLiteral("/presets");
}

QString PresetStore::pathFor(const QString &name) const
{
    Preset named;
    named.name = name;
    return QDir(m_directory).filePath(named.fileName());
}

Result<QList<Preset>> PresetStore::list(QStringList *problems) const
{
    QList<Preset> presets;
    const QDir directory(m_directory);
    const QStringList files = directory.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name);
    for (const QString &fileName : files) {
        const Result<QByteArray> contents = readFile(directory.filePath(fileName));
        Result<Preset> preset = contents ? Preset::fromFileContents(*contents, fileName)
                                         : Result<Preset>::failure(contents.error());
        if (!preset) {
            qCWarning(lcStore) << "skipping preset" << preset.error();
            if (problems)
                problems->append(preset.error());
            continue;
        }
        presets.append(std::move(preset).value());
    }
    std::sort(presets.begin(), presets.end(),
              [](const Preset &a, const Preset &b) { return a.name.localeAwareCompare(b.name) < 0; });
    return presets;
}

Result<Preset> PresetStore::load(const QString &name) const
{
    const QString path = pathFor(name);
    if (!QFile::exists(path))
        return Result<Preset>::failure(QStringLiteral("preset \"%1\" not found in %2").arg(name, m_directory));
    const Result<QByteArray> contents = readFile(path);
    if (!contents)
        return Result<Preset>::failure(contents.error());
    return Preset::fromFileContents(*contents, QFileInfo(path).fileName());
}

StoreStatus PresetStore::save(const Preset &preset, Overwrite overwrite)
{
    const Result<Preset> valid = Preset::fromJson(preset.toJson());
    if (!valid)
        return StoreStatus::failure(QStringLiteral("preset \"%1\" is invalid: %2").arg(preset.name, valid.error()));
    if (!QDir().mkpath(m_directory))
        return StoreStatus::failure(QStringLiteral("cannot create the folder %1").arg(m_directory));
    const QString path = pathFor(preset.name);
    if (overwrite == Overwrite::No && QFile::exists(path))
        return StoreStatus::failure(QStringLiteral("a preset named \"%1\" already exists; replace it explicitly")
                                        .arg(preset.name));
    return writeAtomically(path, QJsonDocument(preset.toJson()).toJson(QJsonDocument::Indented));
}

StoreStatus PresetStore::remove(const QString &name)
{
    const QString path = pathFor(name);
    if (!QFile::exists(path))
        return StoreStatus::failure(QStringLiteral("preset \"%1\" not found in %2").arg(name, m_directory));
    if (!QFile::remove(path))
        return StoreStatus::failure(QStringLiteral("cannot delete %1").arg(path));
    return std::monostate{};
}

Result<Preset> PresetStore::importFile(const QString &path, Overwrite overwrite)
{
    const Result<QByteArray> contents = readFile(path);
    if (!contents)
        return Result<Preset>::failure(contents.error());
    Result<Preset> preset = Preset::fromFileContents(*contents, QFileInfo(path).fileName());
    if (!preset)
        return preset;
    const StoreStatus saved = save(*preset, overwrite);
    if (!saved)
        return Result<Preset>::failure(saved.error());
    qCInfo(lcStore) << "imported preset" << preset->name << "from" << path;
    return preset;
}

StoreStatus PresetStore::exportFile(const QString &name, const QString &path) const
{
    const Result<Preset> preset = load(name);
    if (!preset)
        return StoreStatus::failure(preset.error());
    return writeAtomically(path, QJsonDocument(preset->toJson()).toJson(QJsonDocument::Indented));
}

Result<int> PresetStore::installBuiltIns()
{
    if (!QDir().mkpath(m_directory))
        return Result<int>::failure(QStringLiteral("cannot create the folder %1").arg(m_directory));
    const QString listPath = QDir(m_directory).filePath(kInstalledList);
    QFile listFile(listPath);
    QStringList installed;
    if (listFile.open(QIODevice::ReadOnly))
        installed = QString::fromUtf8(listFile.readAll()).split(u'\n', Qt::SkipEmptyParts);
    listFile.close();

    int copied = 0;
    const QDir resources(QStringLiteral(":/presets"));
    for (const QString &fileName : resources.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name)) {
        if (installed.contains(fileName))
            continue;
        const Result<QByteArray> contents = readFile(resources.filePath(fileName));
        const Result<Preset> preset = contents ? Preset::fromFileContents(*contents, fileName)
                                               : Result<Preset>::failure(contents.error());
        if (!preset)
            return Result<int>::failure(QStringLiteral("built-in preset %1").arg(preset.error()));
        // A user preset of the same name wins; the built-in is not copied.
        if (!QFile::exists(pathFor(preset->name))) {
            const StoreStatus saved = save(*preset, Overwrite::No);
            if (!saved)
                return Result<int>::failure(saved.error());
            ++copied;
        }
        installed.append(fileName);
    }
    const StoreStatus written = writeAtomically(listPath, installed.join(u'\n').toUtf8() + '\n');
    if (!written)
        return Result<int>::failure(written.error());
    return copied;
}

} // namespace Consilium
