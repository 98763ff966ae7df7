"""The acceptance schema, written as real DDL per database (issue 4).

Composite primary and foreign keys, a self-reference, CHECKs (range, IN list,
BETWEEN, multi-column), an enum, unique constraints and a unique index.
``{s}`` is replaced by a qualifier (``schema.`` or empty).
"""

from __future__ import annotations

POSTGRES = [
    "CREATE TYPE {s}order_status AS ENUM ('pending', 'paid', 'shipped', 'cancelled')",
    """CREATE TABLE {s}customers (
        id serial PRIMARY KEY,
        email varchar(120) NOT NULL UNIQUE,
        first_name varchar(40) NOT NULL,
        last_name varchar(40),
        segment varchar(10) NOT NULL DEFAULT 'retail'
            CHECK (segment IN ('retail', 'business', 'vip')),
        age integer CHECK (age BETWEEN 18 AND 90),
        balance numeric(10,2) NOT NULL DEFAULT 0 CHECK (balance >= 0),
        level smallint NOT NULL,
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz,
        profile jsonb
    )""",
    """CREATE TABLE {s}employees (
        id integer PRIMARY KEY,
        full_name varchar(80) NOT NULL,
        manager_id integer REFERENCES {s}employees(id),
        badge varchar(12) NOT NULL,
        hired_on date NOT NULL
    )""",
    "CREATE UNIQUE INDEX employees_badge ON {s}employees (badge)",
    """CREATE TABLE {s}warehouses (
        region char(2) NOT NULL,
        code integer NOT NULL,
        city varchar(60),
        capacity integer NOT NULL CHECK (capacity > 0 AND capacity <= 5000),
        PRIMARY KEY (region, code)
    )""",
    """CREATE TABLE {s}orders (
        id bigint PRIMARY KEY,
        customer_id integer NOT NULL REFERENCES {s}customers(id),
        handled_by integer REFERENCES {s}employees(id),
        wh_region char(2),
        wh_code integer,
        status {s}order_status NOT NULL,
        number varchar(20) NOT NULL,
        total numeric(12,2) NOT NULL,
        discount numeric(12,2) NOT NULL DEFAULT 0,
        shipped_at timestamp,
        delivered_at timestamp,
        UNIQUE (customer_id, number),
        FOREIGN KEY (wh_region, wh_code) REFERENCES {s}warehouses(region, code),
        CONSTRAINT total_range CHECK (total >= 0 AND total < 100000),
        CONSTRAINT discount_le_total CHECK (discount <= total),
        CONSTRAINT delivered_after CHECK (delivered_at IS NULL OR delivered_at > shipped_at)
    )""",
    """CREATE TABLE {s}order_notes (
        order_id bigint NOT NULL REFERENCES {s}orders(id),
        seq integer NOT NULL CHECK (seq >= 1),
        body text NOT NULL,
        PRIMARY KEY (order_id, seq)
    )""",
]

MYSQL = [
    """CREATE TABLE customers (
        id integer AUTO_INCREMENT PRIMARY KEY,
        email varchar(120) NOT NULL UNIQUE,
        first_name varchar(40) NOT NULL,
        last_name varchar(40),
        segment varchar(10) NOT NULL DEFAULT 'retail'
            CHECK (segment IN ('retail', 'business', 'vip')),
        age integer CHECK (age BETWEEN 18 AND 90),
        balance decimal(10,2) NOT NULL DEFAULT 0 CHECK (balance >= 0),
        level smallint NOT NULL,
        tier tinyint unsigned NOT NULL,
        active tinyint(1) NOT NULL DEFAULT 1,
        created_at datetime NOT NULL DEFAULT CURRENT_TIMESTAMP,
        updated_at datetime,
        profile json
    ) ENGINE=InnoDB""",
    """CREATE TABLE employees (
        id integer PRIMARY KEY,
        full_name varchar(80) NOT NULL,
        manager_id integer,
        badge varchar(12) NOT NULL,
        hired_on date NOT NULL,
        UNIQUE INDEX employees_badge (badge),
        FOREIGN KEY (manager_id) REFERENCES employees(id)
    ) ENGINE=InnoDB""",
    """CREATE TABLE warehouses (
        region char(2) NOT NULL,
        code integer NOT NULL,
        city varchar(60),
        capacity integer NOT NULL CHECK (capacity > 0 AND capacity <= 5000),
        PRIMARY KEY (region, code)
    ) ENGINE=InnoDB""",
    """CREATE TABLE orders (
        id bigint PRIMARY KEY,
        customer_id integer NOT NULL,
        handled_by integer,
        wh_region char(2),
        wh_code integer,
        status ENUM('pending', 'paid', 'shipped', 'cancelled') NOT NULL,
        number varchar(20) NOT NULL,
        total decimal(12,2) NOT NULL,
        discount decimal(12,2) NOT NULL DEFAULT 0,
        shipped_at datetime,
        delivered_at datetime,
        UNIQUE (customer_id, number),
        FOREIGN KEY (customer_id) REFERENCES customers(id),
        FOREIGN KEY (handled_by) REFERENCES employees(id),
        FOREIGN KEY (wh_region, wh_code) REFERENCES warehouses(region, code),
        CONSTRAINT total_range CHECK (total >= 0 AND total < 100000),
        CONSTRAINT discount_le_total CHECK (discount <= total),
        CONSTRAINT delivered_after CHECK (delivered_at IS NULL OR delivered_at > shipped_at)
    ) ENGINE=InnoDB""",
    """CREATE TABLE order_notes (
        order_id bigint NOT NULL,
        seq integer NOT NULL CHECK (seq >= 1),
        body text NOT NULL,
        PRIMARY KEY (order_id, seq),
        FOREIGN KEY (order_id) REFERENCES orders(id)
    ) ENGINE=InnoDB""",
]

SQLITE = [
    """CREATE TABLE customers (
        id integer PRIMARY KEY,
        email varchar(120) NOT NULL UNIQUE,
        first_name varchar(40) NOT NULL,
        last_name varchar(40),
        segment varchar(10) NOT NULL DEFAULT 'retail'
            CHECK (segment IN ('retail', 'business', 'vip')),
        age integer CHECK (age BETWEEN 18 AND 90),
        balance numeric(10,2) NOT NULL DEFAULT 0 CHECK (balance >= 0),
        level smallint NOT NULL,
        active boolean NOT NULL DEFAULT 1,
        created_at timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP,
        updated_at timestamp
    )""",
    """CREATE TABLE employees (
        id integer PRIMARY KEY,
        full_name varchar(80) NOT NULL,
        manager_id integer REFERENCES employees(id),
        badge varchar(12) NOT NULL,
        hired_on date NOT NULL
    )""",
    "CREATE UNIQUE INDEX employees_badge ON employees (badge)",
    """CREATE TABLE warehouses (
        region char(2) NOT NULL,
        code integer NOT NULL,
        city varchar(60),
        capacity integer NOT NULL CHECK (capacity > 0 AND capacity <= 5000),
        PRIMARY KEY (region, code)
    )""",
    """CREATE TABLE orders (
        id bigint PRIMARY KEY,
        customer_id integer NOT NULL REFERENCES customers(id),
        handled_by integer REFERENCES employees(id),
        wh_region char(2),
        wh_code integer,
        status varchar(10) NOT NULL CHECK (status IN ('pending', 'paid', 'shipped', 'cancelled')),
        number varchar(20) NOT NULL,
        total numeric(12,2) NOT NULL,
        discount numeric(12,2) NOT NULL DEFAULT 0,
        shipped_at timestamp,
        delivered_at timestamp,
        UNIQUE (customer_id, number),
        FOREIGN KEY (wh_region, wh_code) REFERENCES warehouses(region, code),
        CONSTRAINT total_range CHECK (total >= 0 AND total < 100000),
        CONSTRAINT discount_le_total CHECK (discount <= total),
        CONSTRAINT delivered_after CHECK (delivered_at IS NULL OR delivered_at > shipped_at)
    )""",
    """CREATE TABLE order_notes (
        order_id bigint NOT NULL REFERENCES orders(id),
        seq integer NOT NULL CHECK (seq >= 1),
        body text NOT NULL,
        PRIMARY KEY (order_id, seq)
    )""",
]
