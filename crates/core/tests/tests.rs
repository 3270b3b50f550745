mod properties;
mod quantities;
mod timeml;
mod times;
