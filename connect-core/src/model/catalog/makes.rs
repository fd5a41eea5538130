//! The makes `make` accepts as an identifier in `connect_url!`.
//!
//! Compiled from Smartcar's public makes list and SDK documentation; Smartcar adds
//! brands over time and the complete list could not be confirmed, so a make missing
//! here is still accepted as a string (`make: "NEW_BRAND"`), checked only for its
//! spelling (`A-Z 0-9 _`).

use crate::error::{Error, Problem};
use crate::model::value::Make;
use crate::parameter::Parameter;

macro_rules! make_catalog {
    ($( $name:ident $display:literal; )*) => {
        /// `(identifier, brand name)` of every cataloged make, sorted by identifier.
        pub(crate) const MAKES: &[(&str, &str)] = &[$((stringify!($name), $display)),*];

        /// Every cataloged make as a documented constant named as in a Connect URL.
        ///
        /// `connect_url!` resolves `make: TESLA` to [`TESLA`](names::TESLA) here, so an
        /// IDE shows the brand on hover.
        pub mod names {
            use super::Make;
            $(
                #[doc = concat!("The ", $display, " brand: `make=", stringify!($name), "`.")]
                pub const $name: Make = Make::checked(stringify!($name));
            )*
        }
    };
}

make_catalog! {
    ACURA "Acura";
    ALFA_ROMEO "Alfa Romeo";
    AUDI "Audi";
    BMW "BMW";
    BUICK "Buick";
    CADILLAC "Cadillac";
    CHEVROLET "Chevrolet";
    CHRYSLER "Chrysler";
    CITROEN "Citroën";
    CUPRA "Cupra";
    DACIA "Dacia";
    DODGE "Dodge";
    DS "DS Automobiles";
    FIAT "Fiat";
    FORD "Ford";
    GENESIS "Genesis";
    GMC "GMC";
    HONDA "Honda";
    HYUNDAI "Hyundai";
    INFINITI "Infiniti";
    JAGUAR "Jaguar";
    JEEP "Jeep";
    KIA "Kia";
    LAND_ROVER "Land Rover";
    LEXUS "Lexus";
    LINCOLN "Lincoln";
    LUCID "Lucid";
    MAZDA "Mazda";
    MERCEDES_BENZ "Mercedes-Benz";
    MINI "MINI";
    NISSAN "Nissan";
    OPEL "Opel";
    PEUGEOT "Peugeot";
    POLESTAR "Polestar";
    PORSCHE "Porsche";
    RAM "Ram";
    RENAULT "Renault";
    RIVIAN "Rivian";
    SKODA "Škoda";
    SUBARU "Subaru";
    TESLA "Tesla";
    TOYOTA "Toyota";
    VAUXHALL "Vauxhall";
    VOLKSWAGEN "Volkswagen";
    VOLVO "Volvo";
}

// The catalog's side of `Make`: lookups in the table above.
impl Make {
    /// The cataloged make of this exact name, or an error with the closest one.
    ///
    /// # Errors
    ///
    /// [`Problem::UnknownMake`], with a did-you-mean when a make is close.
    pub fn from_catalog(name: &str) -> Result<Make, Error> {
        match MAKES.binary_search_by(|(make, _)| (*make).cmp(name)) {
            Ok(i) => Ok(Make::checked(MAKES[i].0)),
            Err(_) => Err(Error::new(
                Parameter::Make,
                Problem::UnknownMake {
                    name: name.to_owned(),
                    suggestion: crate::suggest::closest(name, MAKES.iter().map(|(m, _)| *m)),
                },
            )),
        }
    }

    /// Every cataloged make's identifier, sorted.
    pub fn catalog() -> impl Iterator<Item = &'static str> {
        MAKES.iter().map(|(make, _)| *make)
    }

    #[must_use]
    /// The brand's name (`Mercedes-Benz` for `MERCEDES_BENZ`), if cataloged.
    pub fn brand(&self) -> Option<&'static str> {
        let i = MAKES
            .binary_search_by(|(make, _)| (*make).cmp(self.as_str()))
            .ok()?;
        Some(MAKES[i].1)
    }
}

#[cfg(test)]
mod tests {
    use super::MAKES;

    #[test]
    fn catalog_is_sorted_and_spelled_as_makes() {
        assert!(MAKES.windows(2).all(|w| w[0].0 < w[1].0));
        for (name, _) in MAKES {
            assert!(name
                .bytes()
                .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_'));
        }
    }
}
