@SqlMigrationDirectory("db/library")
package com.example.library;

import dev.cairn.SqlMigrationDirectory;
