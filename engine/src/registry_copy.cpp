// Copies of an in-memory registry: SaveImage serializes its SQLite database into bytes,
// FromImage deserializes them into a fresh connection. The scenario runner keeps images as
// checkpoints and replays commands from the nearest one to rebuild the state after any step.

#include <sqlite3.h>

#include <cstring>

#include "registry_impl.h"
#include "sqlite/schema.h"
#include "stagecraft/engine/registry.h"

namespace stagecraft::engine {

Result<RegistryImage> Registry::SaveImage() const {
  auto& d = *impl_;
  if (!d.db->in_memory()) {
    return Status::FailedPrecondition("only an in-memory registry can be saved as an image; '" +
                                      d.path + "' is a file");
  }
  sqlite3_int64 size = 0;
  unsigned char* bytes = sqlite3_serialize(d.db->handle(), "main", &size, 0);
  if (bytes == nullptr) {
    return sqlite::StorageError("saving an image of the registry", sqlite3_errmsg(d.db->handle()));
  }
  auto image = std::make_shared<std::string>(reinterpret_cast<const char*>(bytes),
                                             static_cast<std::size_t>(size));
  sqlite3_free(bytes);
  return RegistryImage{std::move(image)};
}

Result<Registry> Registry::FromImage(const RegistryImage& image, RegistryOptions options) {
  if (image.size() == 0) return Status::InvalidArgument("the registry image is empty");
  auto db = sqlite::Database::Open(":memory:", /*create=*/true);
  if (!db.ok()) return db.status();
  // SQLite owns (and frees) the buffer it deserializes from, so it gets its own copy.
  const auto size = static_cast<sqlite3_int64>(image.size());
  auto* buffer = static_cast<unsigned char*>(sqlite3_malloc64(static_cast<sqlite3_uint64>(size)));
  if (buffer == nullptr) return Status::Storage("out of memory copying a registry image");
  std::memcpy(buffer, image.bytes->data(), image.size());
  const int rc = sqlite3_deserialize((*db)->handle(), "main", buffer, size, size,
                                     SQLITE_DESERIALIZE_FREEONCLOSE | SQLITE_DESERIALIZE_RESIZEABLE);
  if (rc != SQLITE_OK) {
    return sqlite::StorageError("loading a registry image", sqlite3_errmsg((*db)->handle()));
  }
  auto impl = std::make_unique<Impl>();
  impl->path = ":memory:";
  impl->options = std::move(options);
  impl->db = std::move(*db);
  auto& database = *impl->db;
  // An image is bytes from anywhere: it must be a registry this build can read.
  const sqlite::FileKind kind = sqlite::RegistryFileKind();
  auto application_id = sqlite::QueryInt(database, "PRAGMA application_id");
  if (!application_id.ok()) return application_id.status();
  auto user_version = sqlite::QueryInt(database, "PRAGMA user_version");
  if (!user_version.ok()) return user_version.status();
  if (*application_id != kind.application_id || *user_version > kind.schema_version) {
    return Status::Storage("the registry image is not a " + std::string(kind.name) +
                           " this build can read");
  }
  SC_RETURN_IF_ERROR(database.Exec("PRAGMA foreign_keys = ON"));
  SC_RETURN_IF_ERROR(sqlite::Migrate(database, "registry image"));
  SC_RETURN_IF_ERROR(impl->RefreshCatalog());
  return Registry(std::move(impl));
}

Result<Registry> Registry::Copy(RegistryOptions options) const {
  auto image = SaveImage();
  if (!image.ok()) return image.status();
  return FromImage(*image, std::move(options));
}

}  // namespace stagecraft::engine
