#pragma once

#include "store/Preset.h"
#include "store/StoreTypes.h"

#include <QList>
#include <QString>

namespace Consilium {

// Ensemble presets as one JSON file each in a folder (by default
// AppConfigLocation/presets). Files are written atomically through
// QSaveFile, so a crash leaves the old file or the new one, never half.
//
// Built-in presets ship as resources under :/presets and are copied into
// the folder once; a built-in the user deleted or edited is left alone.
class PresetStore
{
public:
    enum class Overwrite { No, Yes };

    explicit PresetStore(QString directory = defaultDirectory());

    static QString defaultDirectory();
    QString directory() const { return m_directory; }

    // Reads every valid preset, sorted by name. Invalid files are skipped
    // and their errors returned in `problems` when given.
    [[nodiscard]] Result<QList<Preset>> list(QStringList *problems = nullptr) const;
    [[nodiscard]] Result<Preset> load(const QString &name) const;
    // Saves the preset; without Overwrite::Yes an existing preset of the
    // same file name is kept and an error returned, so the UI can ask.
    [[nodiscard]] StoreStatus save(const Preset &preset, Overwrite overwrite = Overwrite::No);
    [[nodiscard]] StoreStatus remove(const QString &name);

    // Validates a preset file and saves it under its own name.
    [[nodiscard]] Result<Preset> importFile(const QString &path, Overwrite overwrite = Overwrite::No);
    [[nodiscard]] StoreStatus exportFile(const QString &name, const QString &path) const;

    // Copies the built-ins that were never copied before; returns how many.
    [[nodiscard]] Result<int> installBuiltIns();

private:
    QString pathFor(const QString &name) const;

    QString m_directory;
};

} // namespace Consilium
